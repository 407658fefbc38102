/** A hanging or failing org, met through the System API's breaker. */
import request from 'supertest';
import { startSystemApi } from '../__fixtures__/system-api.harness';

type Api = Awaited<ReturnType<typeof startSystemApi>>;
let api: Api;

beforeAll(async () => {
  // No allowance pause: every call below must reach the org, so its refusals are what the breaker sees.
  api = await startSystemApi({ breaker: { timeoutMs: 500, resetTimeoutMs: 1500, consecutiveFailures: 3 }, allowancePauseSeconds: 0 });
}, 60_000);
afterAll(() => api.close());

it('gives a hanging org a deadline, opens after repeated failures, fails fast while open, and recovers', async () => {
  await api.admin('/faults', 'PUT', { latencyMs: 3000 });
  const timedOut = [];
  for (let i = 0; i < 3; i += 1) {
    const started = Date.now();
    const res = await request(api.app).get('/v1/customers/by-key/CK-HANG');
    timedOut.push({ status: res.status, ms: Date.now() - started, reason: res.body.reason });
  }
  expect(timedOut.map((t) => t.status)).toEqual([504, 504, 504]);
  expect(Math.max(...timedOut.map((t) => t.ms))).toBeLessThan(1500);

  const started = Date.now();
  const open = await request(api.app).get('/v1/customers/by-key/CK-HANG');
  expect(Date.now() - started).toBeLessThan(100);
  expect(open.status).toBe(503);
  expect(open.body.reason).toBe('breaker-open');
  expect(Number(open.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect((await request(api.app).get('/health/ready')).body.breakers).toEqual(expect.arrayContaining([{ name: 'salesforce', state: 'open' }]));

  await api.admin('/faults', 'DELETE');
  await new Promise((resolve) => setTimeout(resolve, 1700));
  const recovered = await request(api.app).get('/v1/customers').query({ limit: 1 });
  expect(recovered.status).toBe(200);
  expect((await request(api.app).get('/health/ready')).body.breakers).toEqual(expect.arrayContaining([{ name: 'salesforce', state: 'closed' }]));
}, 60_000);

it("answers at the caller's deadline when it ends before the breaker's timeout, without counting that against the org", async () => {
  // Slower than the caller waits (250 ms), quicker than the breaker's 500 ms: a slow org, not a sick one.
  await api.admin('/faults', 'PUT', { latencyMs: 350 });
  try {
    for (let i = 0; i < 4; i += 1) {
      const cut = await request(api.app).get('/v1/customers/by-key/CK-HANG').set('x-request-deadline-ms', '250');
      expect([cut.status, cut.body.reason]).toEqual([504, 'timeout']);
      expect(cut.body.detail).toBe("Salesforce did not answer within the caller's deadline");
    }
  } finally {
    await api.admin('/faults', 'DELETE');
  }
  // Four callers answered early, but each call ran on and the org answered in the breaker's time: still closed.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect((await request(api.app).get('/health/ready')).body.breakers).toEqual(expect.arrayContaining([{ name: 'salesforce', state: 'closed' }]));
}, 30_000);

it('never opens for bad requests', async () => {
  for (let i = 0; i < 5; i += 1) expect((await request(api.app).get('/v1/customers/by-key/CK-NOBODY-HERE')).status).toBe(404);
  expect((await request(api.app).get('/health/ready')).body.breakers).toEqual(expect.arrayContaining([{ name: 'salesforce', state: 'closed' }]));
});

it('never opens for a spent daily allowance: callers get 429 with Retry-After, and calls work once it returns', async () => {
  await api.admin('/faults', 'PUT', { dailyApiLimit: 1 });
  try {
    for (let i = 0; i < 5; i += 1) {
      const res = await request(api.app).get('/v1/customers/by-key/CK-OVER-LIMIT');
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    expect((await request(api.app).get('/health/ready')).body.breakers).toEqual(expect.arrayContaining([{ name: 'salesforce', state: 'closed' }]));
  } finally {
    await api.admin('/faults', 'PUT', { dailyApiLimit: 15_000_000 });
  }
  expect((await request(api.app).get('/v1/customers').query({ limit: 1 })).status).toBe(200);
});
