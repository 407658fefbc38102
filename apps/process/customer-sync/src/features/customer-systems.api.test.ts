/**
 * GET /v1/customers/:customerKey/systems: each linked system read live, compared with the
 * golden record. One app for the file (PGlite starts slowly); tests that change a
 * system's record run last, in order.
 */
import request from 'supertest';
import { startSyncApp } from '../__fixtures__/sync-app.harness';

let sync: Awaited<ReturnType<typeof startSyncApp>>;
const T0 = Date.parse('2026-03-01T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const ANA = { key: 'CK-000001', firstName: 'Ana', lastName: 'Núñez', email: 'ana@example.com', birthDate: '1980-01-02' };

beforeAll(async () => {
  sync = await startSyncApp({ systemReadTimeoutMs: 300 });
  sync.feeds['core-banking'].push('P1', ANA, at(0));
  // Salesforce spells the name without accents: the same value, not a difference.
  sync.feeds.salesforce.push('003A', { ...ANA, lastName: 'NUNEZ' }, at(10));
  await sync.sync();
}, 60_000);
afterAll(() => sync.close());
afterEach(() => {
  for (const feed of Object.values(sync.feeds)) Object.assign(feed, { down: false, hanging: false });
});

const systemsOf = async () => {
  const res = await request(sync.app).get('/v1/customers/CK-000001/systems').expect(200);
  return { body: res.body, bySystem: Object.fromEntries(res.body.systems.map((s: { system: string }) => [s.system, s])) };
};

describe('the systems of a customer, read live', () => {
  it('shows every linked system in step, with its own view in canonical names, spelling differences not counted', async () => {
    const { body, bySystem } = await systemsOf();
    expect(body).toMatchObject({ customerKey: 'CK-000001', version: expect.any(Number), readAt: expect.any(String) });
    expect(body.systems.map((s: { system: string }) => s.system)).toEqual(['salesforce', 'core-banking']);
    expect(bySystem['salesforce']).toMatchObject({ recordId: '003A', status: 'in-step', differences: [], reason: null, view: { lastName: 'NUNEZ', email: 'ana@example.com' } });
    expect(bySystem['core-banking']).toMatchObject({ recordId: 'P1', status: 'in-step', view: { lastName: 'Núñez', phone: null, address: { street: null } } });
  });

  it('reports a system behind an open breaker as unavailable with its reason, and still answers for the others', async () => {
    sync.feeds.salesforce.down = true;
    const { bySystem } = await systemsOf();
    expect(bySystem['salesforce']).toEqual({ system: 'salesforce', recordId: '003A', status: 'unavailable', view: null, differences: [], reason: 'breaker-open' });
    expect(bySystem['core-banking']).toMatchObject({ status: 'in-step', view: { firstName: 'Ana' } });
  });

  it('reports a system that does not answer in time as unavailable (timeout) instead of waiting for it', async () => {
    sync.feeds['core-banking'].hanging = true;
    const started = Date.now();
    const { bySystem } = await systemsOf();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(bySystem['core-banking']).toMatchObject({ status: 'unavailable', reason: 'timeout' });
    expect(bySystem['salesforce'].status).toBe('in-step');
  });

  it('lists the fields a system holds differently, with the golden and the system value', async () => {
    // An older edit in Salesforce: survivorship keeps the newer golden email, so Salesforce now disagrees.
    sync.feeds.salesforce.push('003A', { ...ANA, email: 'typo@example.com' }, at(-3600));
    const { bySystem } = await systemsOf();
    expect(bySystem['salesforce']).toMatchObject({ status: 'differs', differences: [{ field: 'email', golden: 'ana@example.com', system: 'typo@example.com' }] });
    expect(bySystem['core-banking'].status).toBe('in-step');
  });

  it('reports a linked record the system no longer has as missing', async () => {
    sync.feeds.salesforce.push('003A', null);
    const { bySystem } = await systemsOf();
    expect(bySystem['salesforce']).toMatchObject({ status: 'missing', view: null });
  });

  it('answers 404 problem+json for an unknown customer and 400 naming a malformed key', async () => {
    const unknown = await request(sync.app).get('/v1/customers/CK-999999/systems').expect(404);
    expect(unknown.headers['content-type']).toMatch(/problem\+json/);
    const bad = await request(sync.app).get('/v1/customers/nobody/systems').expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['params.customerKey']);
  });
});

describe('the systems of a customer, read for a caller with a deadline', () => {
  let patient: Awaited<ReturnType<typeof startSyncApp>>;
  beforeAll(async () => {
    // customer-sync's own read deadline is long here: only the caller's can explain a quick answer.
    patient = await startSyncApp({ systemReadTimeoutMs: 5000 });
    patient.feeds['core-banking'].push('P1', ANA, at(0));
    patient.feeds.salesforce.push('003A', ANA, at(10));
    await patient.sync();
  }, 60_000);
  afterAll(() => patient.close());

  it("stops waiting for a hanging system at the caller's deadline, not its own, and answers while the caller listens", async () => {
    patient.feeds['core-banking'].hanging = true;
    const started = Date.now();
    const res = await request(patient.app).get('/v1/customers/CK-000001/systems').set('x-request-deadline-ms', '800').expect(200);
    const tookMs = Date.now() - started;
    const bySystem = Object.fromEntries(res.body.systems.map((s: { system: string }) => [s.system, s]));
    expect(bySystem['core-banking']).toMatchObject({ status: 'unavailable', reason: 'timeout' });
    expect(bySystem['salesforce'].status).toBe('in-step');
    // 800 ms less the 100 ms margin; the upper bound leaves room for a loaded machine but is far below the own 5 s.
    expect(tookMs).toBeGreaterThanOrEqual(650);
    expect(tookMs).toBeLessThan(1200);
  });
});
