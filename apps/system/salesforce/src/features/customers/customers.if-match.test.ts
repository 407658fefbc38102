/**
 * Lost-update protection on PUT /v1/customers/:id: the customer's `version` and
 * `If-Match`, against the real org emulator through jsforce.
 */
import request from 'supertest';
import { startSystemApi } from '../../__fixtures__/system-api.harness';

type Api = Awaited<ReturnType<typeof startSystemApi>>;
let api: Api;
let n = 0;
const key = () => `CK-V${process.pid % 1000}-${++n}`;

beforeAll(async () => {
  // One counted failure opens this breaker: a 412 that counted would show at once.
  api = await startSystemApi({ breaker: { consecutiveFailures: 1 } });
}, 60_000);
afterAll(() => api.close());
afterEach(() => api.admin('/faults', 'DELETE'));

async function createContact(email: string): Promise<{ id: string; version: string }> {
  const created = await request(api.app).put(`/v1/customers/by-key/${key()}`).send({ lastName: 'Versioned', email }).expect(201);
  return { id: created.body.id, version: created.body.customer.version };
}

/** A CRM user editing the contact in Salesforce, outside this API. */
const crmUserEdits = (id: string, fields: Record<string, unknown>) => api.conn.sobject('Contact').update({ Id: id, ...fields });
const emailInSalesforce = async (id: string) => (await api.conn.sobject('Contact').retrieve(id))['Email'];

describe('the customer version', () => {
  it('is served alike by id, by key and in lists, and moves with every save, even two in a row', async () => {
    const { id, version } = await createContact('first@example.org');
    const byId = (await request(api.app).get(`/v1/customers/${id}`).expect(200)).body;
    expect(byId.version).toBe(version);
    expect(version).toMatch(/^\d{13}-[0-9a-f]{8}$/);
    expect((await request(api.app).get(`/v1/customers/by-key/${byId.customerKey}`)).body.version).toBe(version);
    const listed = (await request(api.app).get('/v1/customers').query({ q: 'first@example.org', limit: 200 })).body.items;
    expect(listed.find((c: { id: string }) => c.id === id)?.version).toBe(version);
    await crmUserEdits(id, { Email: 'second@example.org' });
    const second = (await request(api.app).get(`/v1/customers/${id}`)).body.version;
    await crmUserEdits(id, { Email: 'third@example.org' });
    const third = (await request(api.app).get(`/v1/customers/${id}`)).body.version;
    expect(new Set([version, second, third]).size).toBe(3);
  });
});

describe('PUT /v1/customers/:id with If-Match', () => {
  it('applies an update made with the current version and answers the new version', async () => {
    const { id, version } = await createContact('current@example.org');
    const res = await request(api.app).put(`/v1/customers/${id}`).set('if-match', `"${version}"`).send({ email: 'updated@example.org' });
    expect(res.status).toBe(200);
    expect(res.body.customer).toMatchObject({ id, email: 'updated@example.org' });
    expect(res.body.customer.version).not.toBe(version);
    expect(await emailInSalesforce(id)).toBe('updated@example.org');
  });

  it('refuses a stale version with 412 problem+json and leaves the CRM user\'s edit in place', async () => {
    const { id, version } = await createContact('synced@example.org');
    await crmUserEdits(id, { Email: 'crm-user@example.org' });
    const res = await request(api.app).put(`/v1/customers/${id}`).set('if-match', `"${version}"`).send({ email: 'older-golden@example.org' });
    expect(res.status).toBe(412);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:strata:problem:precondition-failed', status: 412, detail: expect.stringContaining(version) });
    expect(await emailInSalesforce(id)).toBe('crm-user@example.org');
  });

  it('refuses with 412 when the contact is saved between its read and the write (the org checks), and the breaker stays closed', async () => {
    const { id, version } = await createContact('raced@example.org');
    await api.admin('/faults', 'PUT', { preconditionFailedBurst: 6 });
    for (let i = 0; i < 6; i += 1) {
      const res = await request(api.app).put(`/v1/customers/${id}`).set('if-match', `"${version}"`).send({ email: `attempt-${i}@example.org` });
      expect([res.status, res.body.type]).toEqual([412, 'urn:strata:problem:precondition-failed']);
    }
    expect(await emailInSalesforce(id)).toBe('raced@example.org');
    const ready = await request(api.app).get('/health/ready');
    expect(ready.body.breakers).toEqual(expect.arrayContaining([{ name: 'salesforce', state: 'closed' }]));
  });

  it('writes as before without If-Match, and refuses a malformed one naming headers.if-match', async () => {
    const { id } = await createContact('plain@example.org');
    await crmUserEdits(id, { Phone: '+15555550100' });
    expect((await request(api.app).put(`/v1/customers/${id}`).send({ email: 'unconditional@example.org' })).status).toBe(200);
    const malformed = await request(api.app).put(`/v1/customers/${id}`).set('if-match', 'seven').send({ email: 'x@example.org' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { path: string }) => e.path)).toEqual(['headers.if-match']);
    expect(await emailInSalesforce(id)).toBe('unconditional@example.org');
  });
});
