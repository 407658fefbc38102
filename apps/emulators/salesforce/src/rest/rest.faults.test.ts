/** The fault switches as jsforce meets them. */
import { startRestHarness } from './__fixtures__/rest-harness';

type Harness = Awaited<ReturnType<typeof startRestHarness>>;
let h: Harness;

beforeAll(async () => {
  h = await startRestHarness();
});
afterAll(() => h.close());
afterEach(() => {
  h.faults.clear();
  h.usage.reset();
});

describe('fault switches', () => {
  it('answers a burst of 503 SERVER_UNAVAILABLE, then recovers', async () => {
    h.faults.update({ unavailableBurst: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await fetch(`${h.url}/services/data/v58.0/limits`, { headers: { authorization: 'Bearer 00D000000000001!test-token' } })).status);
    }
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('answers REQUEST_LIMIT_EXCEEDED once the daily count passes the limit', async () => {
    h.faults.update({ dailyApiLimit: 3 });
    const conn = h.connect();
    for (let i = 0; i < 3; i += 1) await conn.query('SELECT Id FROM Account LIMIT 1');
    await expect(conn.sobject('Account').create({ Name: 'Over' })).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
  });

  it('fails the configured share of writes with UNABLE_TO_LOCK_ROW and never reads', async () => {
    h.faults.update({ lockRowFailureRate: 1 });
    const conn = h.connect();
    await expect(conn.sobject('Account').create({ Name: 'Locked' })).rejects.toMatchObject({ errorCode: 'UNABLE_TO_LOCK_ROW' });
    await expect(conn.query('SELECT Id FROM Account LIMIT 1')).resolves.toBeDefined();
  });

  it('adds latency to every call', async () => {
    h.faults.update({ latencyMs: 150 });
    const conn = h.connect();
    const started = Date.now();
    await conn.query('SELECT Id FROM Account LIMIT 1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('rejects an unknown token with INVALID_SESSION_ID before counting it', async () => {
    const before = h.usage.count;
    const res = await fetch(`${h.url}/services/data/v58.0/limits`, { headers: { authorization: 'Bearer wrong' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    expect(h.usage.count).toBe(before);
  });
});
