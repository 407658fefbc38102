import request from 'supertest';
import { startAdvisorApp } from '../../__fixtures__/advisor-app.harness';
import { goldenRecord, historyEntry, systemInStep } from '../../__fixtures__/customer-sync.fake';

type Advisor = Awaited<ReturnType<typeof startAdvisorApp>>;
let advisor: Advisor;
const ADA = 'CK-100001';
const GRACE = 'CK-100002';

beforeAll(async () => {
  advisor = await startAdvisorApp();
}, 60_000);
afterAll(() => advisor.close());
beforeEach(() => {
  const { state } = advisor.customerSync;
  state.records.clear();
  state.calls.length = 0;
  const ada = goldenRecord(ADA);
  state.records.set(ADA, ada);
  state.records.set(GRACE, goldenRecord(GRACE, { firstName: 'Grace', lastName: 'Hopper' }));
  state.systems.set(ADA, [
    systemInStep(ada, 'salesforce', '003SF'),
    { ...systemInStep(ada, 'core-banking', 'P9001'), status: 'differs', differences: [{ field: 'phone', golden: '+15555550123', system: '+15555550999' }] },
  ]);
  state.history.set(ADA, Array.from({ length: 12 }, (_, i) => historyEntry(12 - i)));
});

describe('GET /v1/customers', () => {
  it('finds customers and answers trimmed summaries, paging with cursor', async () => {
    const headers = await advisor.as('staff-1');
    const first = await request(advisor.app).get('/v1/customers').query({ q: 'example.org', limit: 1 }).set(headers);
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      { customerKey: ADA, displayName: 'Ada Lovelace', birthDate: '1980-02-14', email: 'ck-100001@example.org', phone: '+15555550123', status: 'active', identifiers: goldenRecord(ADA).identifiers },
    ]);
    const second = await request(advisor.app).get('/v1/customers').query({ q: 'example.org', limit: 1, cursor: first.body.nextCursor }).set(headers);
    expect(second.body.items.map((c: { displayName: string }) => c.displayName)).toEqual(['Grace Hopper']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('answers 400 problem+json naming query.q for a one-letter search, without calling customer-sync', async () => {
    const res = await request(advisor.app).get('/v1/customers').query({ q: 'a' }).set(await advisor.as('staff-1'));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.q']);
    expect(advisor.customerSync.state.calls).toEqual([]);
  });
});

describe('GET /v1/customers/:customerKey (the Customer 360)', () => {
  it("composes the golden record, each system's live view with its differences and the latest history, ETag the version", async () => {
    const res = await request(advisor.app).get(`/v1/customers/${ADA}`).set(await advisor.as('staff-1'));
    expect(res.status).toBe(200);
    expect(res.headers['etag']).toBe('"3"');
    expect(res.body.customer).toMatchObject({ customerKey: ADA, lastName: 'Lovelace', sources: { phone: { system: 'api' } } });
    expect(res.body.inStep).toBe(false);
    expect(res.body.systems).toEqual([
      expect.objectContaining({ system: 'salesforce', status: 'in-step', record: expect.objectContaining({ phone: '+15555550123' }) }),
      expect.objectContaining({ system: 'core-banking', status: 'differs', differences: [{ field: 'phone', golden: '+15555550123', system: '+15555550999' }] }),
    ]);
    expect(res.body.history.items.map((e: { version: number }) => e.version)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(res.body.history.nextCursor).toEqual(expect.any(String));
    expect(advisor.customerSync.state.calls.map((c) => c.route).sort()).toEqual(['getCustomer', 'getCustomerHistory', 'getCustomerSystems']);
  });

  it('is in step when every system is, and reports an unavailable system as such', async () => {
    const ada = goldenRecord(ADA);
    advisor.customerSync.state.systems.set(ADA, [systemInStep(ada, 'salesforce', '003SF')]);
    const inStep = await request(advisor.app).get(`/v1/customers/${ADA}`).set(await advisor.as('staff-1'));
    expect(inStep.body.inStep).toBe(true);
    advisor.customerSync.state.systems.set(ADA, [{ system: 'salesforce', recordId: '003SF', status: 'unavailable', view: null, differences: [], reason: 'breaker-open' }]);
    const down = await request(advisor.app).get(`/v1/customers/${ADA}`).set(await advisor.as('staff-1'));
    expect(down.status).toBe(200);
    expect(down.body.inStep).toBe(false);
    expect(down.body.systems).toEqual([{ system: 'salesforce', recordId: '003SF', status: 'unavailable', record: null, differences: [], reason: 'breaker-open' }]);
  });

  it('answers 404 problem+json for an unknown customer and 400 naming params.customerKey for a malformed key', async () => {
    const headers = await advisor.as('staff-1');
    const unknown = await request(advisor.app).get('/v1/customers/CK-999999').set(headers);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ type: 'urn:strata:problem:not-found', detail: 'No customer CK-999999' });
    const bad = await request(advisor.app).get('/v1/customers/ada').set(headers);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['params.customerKey']);
  });
});

describe('GET /v1/customers/:customerKey/history', () => {
  it('pages through the whole history with cursor', async () => {
    const headers = await advisor.as('staff-1');
    const first = await request(advisor.app).get(`/v1/customers/${ADA}/history`).query({ limit: 5 }).set(headers);
    expect(first.status).toBe(200);
    expect(first.body.items.map((e: { version: number }) => e.version)).toEqual([12, 11, 10, 9, 8]);
    const rest = await request(advisor.app).get(`/v1/customers/${ADA}/history`).query({ limit: 50, cursor: first.body.nextCursor }).set(headers);
    expect(rest.body.items.map((e: { version: number }) => e.version)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(rest.body.nextCursor).toBeNull();
  });
});

it('never writes personal fields or search text to the logs', async () => {
  const headers = await advisor.as('staff-1');
  await request(advisor.app).get('/v1/customers').query({ q: 'Lovelace' }).set(headers);
  await request(advisor.app).get(`/v1/customers/${ADA}`).set(headers);
  await request(advisor.app).get(`/v1/customers/${ADA}/history`).set(headers);
  expect(advisor.logs()).toContain('/v1/customers/:customerKey');
  expect(advisor.logs()).not.toMatch(/Lovelace|Ada|ck-100001@example|15555550123|Elm St|1980-02-14|advisor-web-secret/);
});
