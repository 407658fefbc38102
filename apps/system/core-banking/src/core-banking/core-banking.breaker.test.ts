/** A bank outage met through the System API's breaker, against the real emulator. */
import request from 'supertest';
import { startSystemApi, type SystemApi } from '../__fixtures__/system-api.harness';

let api: SystemApi;

beforeAll(async () => {
  api = await startSystemApi({ seedPeople: 3, client: { timeoutMs: 500, resetTimeoutMs: 1000, consecutiveFailuresToOpen: 3, retry: false } });
}, 60_000);
afterAll(() => api.close());
afterEach(() => api.admin('/faults', 'DELETE'));

const breakerState = async () => (await request(api.app).get('/health/ready')).body.breakers.find((b: { name: string }) => b.name === 'core-banking')?.state;

it('answers 503 problem+json with Retry-After while the bank is down, opens the breaker, fails fast, and closes once the bank is back', async () => {
  await api.admin('/faults', 'PUT', { down: true });
  const first = await request(api.app).get('/v1/customers/by-key/CK-000001').expect(503);
  expect(first.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(first.body).toMatchObject({ type: 'urn:strata:problem:upstream-unavailable', upstream: 'core-banking', reason: 'server-error' });
  expect(Number(first.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(JSON.stringify(first.body)).not.toContain('CB-503');

  const reasons = [];
  for (let i = 0; i < 3; i += 1) reasons.push((await request(api.app).get('/v1/customers').expect(503)).body.reason);
  expect(reasons.at(-1)).toBe('breaker-open');
  const started = Date.now();
  const open = await request(api.app).put('/v1/customers/by-key/CK-BRK-1').send({ lastName: 'Open' }).expect(503);
  expect(Date.now() - started).toBeLessThan(100);
  expect(open.body.reason).toBe('breaker-open');
  expect(await breakerState()).toBe('open');

  await api.admin('/faults', 'DELETE');
  await new Promise((resolve) => setTimeout(resolve, 1200));
  await request(api.app).get('/v1/customers').query({ limit: 1 }).expect(200);
  expect(await breakerState()).toBe('closed');
}, 30_000);

it('gives a hanging bank a deadline: 504 after the timeout, not after the bank answers', async () => {
  await api.admin('/faults', 'PUT', { latencyMs: 3000 });
  const started = Date.now();
  const res = await request(api.app).get('/v1/customers/by-key/CK-000001').expect(504);
  expect(res.body.reason).toBe('timeout');
  expect(Date.now() - started).toBeLessThan(1500);
  await api.admin('/faults', 'DELETE');
  await new Promise((resolve) => setTimeout(resolve, 1200));
}, 30_000);

it('never opens for answers about the data (404s)', async () => {
  for (let i = 0; i < 5; i += 1) await request(api.app).get('/v1/customers/P999999999').expect(404);
  expect(await breakerState()).toBe('closed');
});
