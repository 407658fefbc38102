/**
 * PATCH /v1/customers: a batch of updates by Salesforce id, against the real org
 * emulator through jsforce. Each item answers as its own PUT would; the batch reads the
 * contacts once before and once after instead of twice per contact.
 */
import request from 'supertest';
import { startSystemApi } from '../../__fixtures__/system-api.harness';

type Api = Awaited<ReturnType<typeof startSystemApi>>;
let api: Api;
let n = 0;
const key = () => `CK-B${process.pid % 1000}-${++n}`;
const UNKNOWN_ID = '003000000000000AAA';

beforeAll(async () => {
  api = await startSystemApi();
}, 60_000);
afterAll(() => api.close());

async function createContact(email: string): Promise<{ id: string; version: string }> {
  const created = await request(api.app).put(`/v1/customers/by-key/${key()}`).send({ lastName: 'Batched', email }).expect(201);
  return { id: created.body.id, version: created.body.customer.version };
}

const emailInSalesforce = async (id: string) => (await api.conn.sobject('Contact').retrieve(id))['Email'];

describe('PATCH /v1/customers', () => {
  it('answers each item as its single update would, in order: written, refused as stale, unknown', async () => {
    const current = await createContact('current@example.org');
    const stale = await createContact('synced@example.org');
    await api.conn.sobject('Contact').update({ Id: stale.id, Email: 'crm-user@example.org' });

    const res = await request(api.app)
      .patch('/v1/customers')
      .send({
        items: [
          { id: current.id, ifMatch: `"${current.version}"`, update: { email: 'batched@example.org', customerKey: 'CK-STAMPED-1' } },
          { id: stale.id, ifMatch: `"${stale.version}"`, update: { email: 'older-golden@example.org' } },
          { id: UNKNOWN_ID, update: { email: 'nobody@example.org' } },
        ],
      });

    expect(res.status).toBe(200);
    const [written, refused, unknown] = res.body.results;
    expect(written).toMatchObject({ id: current.id, status: 200, result: { id: current.id, created: false, customer: { email: 'batched@example.org', customerKey: 'CK-STAMPED-1' } } });
    expect(written.result.customer.version).not.toBe(current.version);
    expect(refused).toMatchObject({ id: stale.id, status: 412, problem: { status: 412, instance: `/v1/customers/${stale.id}` } });
    expect(unknown).toMatchObject({ id: UNKNOWN_ID, status: 404, problem: { status: 404 } });
    expect(await emailInSalesforce(current.id)).toBe('batched@example.org');
    expect(await emailInSalesforce(stale.id)).toBe('crm-user@example.org');
  });

  it('costs the org one call per contact written and two reads for the whole batch', async () => {
    const contacts = await Promise.all(Array.from({ length: 10 }, (_, i) => createContact(`many-${i}@example.org`)));
    const before = await api.apiUsage();
    const res = await request(api.app)
      .patch('/v1/customers')
      .send({ items: contacts.map((c, i) => ({ id: c.id, ifMatch: `"${c.version}"`, update: { phone: `+1555000${String(i).padStart(4, '0')}` } })) })
      .expect(200);
    const after = await api.apiUsage();

    expect(res.body.results.map((r: { status: number }) => r.status)).toEqual(contacts.map(() => 200));
    // 10 writes and 2 queries (single updates would cost 30).
    expect(after - before).toBe(10 + 2);
  });

  it('refuses a batch naming a contact twice, with problem+json naming the item', async () => {
    const { id } = await createContact('twice@example.org');
    const res = await request(api.app)
      .patch('/v1/customers')
      .send({ items: [{ id, update: { email: 'a@example.org' } }, { id, update: { email: 'b@example.org' } }] });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.items.1.id']);
    expect(await emailInSalesforce(id)).toBe('twice@example.org');
  });
});
