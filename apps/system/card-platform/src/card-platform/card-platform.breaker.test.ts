/** A card platform that goes down, hangs or faults, met through the System API's breaker. */
import request from 'supertest';
import { startSystemApi } from '../__fixtures__/system-api.harness';

type Api = Awaited<ReturnType<typeof startSystemApi>>;
let api: Api;

beforeAll(async () => {
  api = await startSystemApi({ people: 20, breaker: { timeoutMs: 500, resetTimeoutMs: 1500, consecutiveFailures: 3 } });
}, 60_000);
afterAll(() => api.close());
afterEach(() => api.emulator.admin('/faults', 'DELETE'));

const breakerState = async () => (await request(api.app).get('/health/ready')).body.breakers;

it('answers 503 problem+json while the platform is down, opens, fails fast, and closes after it returns', async () => {
  expect((await request(api.app).get('/v1/customers').query({ limit: 1 })).status).toBe(200);
  await api.emulator.admin('/faults', 'PUT', { down: true });
  for (let i = 0; i < 3; i += 1) {
    const res = await request(api.app).get('/v1/customers/CP-000001');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:strata:problem:upstream-unavailable', upstream: 'card-platform', reason: 'server-error' });
    expect(res.body.detail).toContain('HTTP 503');
  }
  const started = Date.now();
  const open = await request(api.app).get('/v1/customers/CP-000001');
  expect(Date.now() - started).toBeLessThan(100);
  expect(open.status).toBe(503);
  expect(open.body.reason).toBe('breaker-open');
  expect(Number(open.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(await breakerState()).toEqual([{ name: 'card-platform', state: 'open' }]);

  await api.emulator.admin('/faults', 'DELETE');
  await new Promise((resolve) => setTimeout(resolve, 1700));
  expect((await request(api.app).get('/v1/customers').query({ limit: 1 })).status).toBe(200);
  expect(await breakerState()).toEqual([{ name: 'card-platform', state: 'closed' }]);
}, 30_000);

it('gives a hanging platform a deadline (504) and maps a soap:Server fault to 503', async () => {
  await api.emulator.admin('/faults', 'PUT', { latencyMs: 2000 });
  const started = Date.now();
  const hung = await request(api.app).get('/v1/customers/CP-000001');
  expect(Date.now() - started).toBeLessThan(1500);
  expect(hung.status).toBe(504);
  expect(hung.body.reason).toBe('timeout');
  await api.emulator.admin('/faults', 'PUT', { latencyMs: 0, errorBurst: 1 });
  const faulted = await request(api.app).get('/v1/customers').query({ limit: 1 });
  expect(faulted.status).toBe(503);
  expect(faulted.body.detail).toContain('CP-5000');
}, 30_000);

it('never opens for soap:Client faults such as not found', async () => {
  for (let i = 0; i < 5; i += 1) {
    const res = await request(api.app).get('/v1/customers/CP-000000');
    expect([res.status, res.body.detail]).toEqual([404, expect.any(String)]);
  }
  expect(await breakerState()).toEqual([{ name: 'card-platform', state: 'closed' }]);
});

it("stops waiting for a slow platform at the caller's deadline, not its own 500 ms", async () => {
  await api.emulator.admin('/faults', 'PUT', { latencyMs: 2000 });
  const started = Date.now();
  const cut = await request(api.app).get('/v1/customers/CP-000001').set('x-request-deadline-ms', '300');
  const tookMs = Date.now() - started;
  expect([cut.status, cut.body.reason]).toEqual([504, 'timeout']);
  // The SOAP call's own timeout (cut to 300 - 100 ms) ended it, not the breaker's 500 ms one.
  expect(cut.body.detail).toBe('The card platform did not answer GetCardholder in time');
  expect(tookMs).toBeGreaterThanOrEqual(150);
  expect(tookMs).toBeLessThan(1500);

  const tooLate = await request(api.app).get('/v1/customers/CP-000001').set('x-request-deadline-ms', '60');
  expect([tooLate.status, tooLate.body.reason]).toEqual([504, 'timeout']);
  expect(tooLate.body.detail).toContain('not called');
}, 30_000);
