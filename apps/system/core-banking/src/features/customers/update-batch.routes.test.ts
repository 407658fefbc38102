/** The batch update route against the real bank emulator: items applied independently, each answered as its single update would be. */
import request from 'supertest';
import { startSystemApi, tellerParty, type SystemApi } from '../../__fixtures__/system-api.harness';

let api: SystemApi;

beforeAll(async () => {
  api = await startSystemApi();
}, 60_000);
afterAll(() => api.close());
afterEach(() => api.admin('/faults', 'DELETE'));

/** A new party keyed in at the bank; its id and version. */
async function newParty(familyName: string): Promise<{ id: string; version: number }> {
  const created = await api.bank('/parties', 'POST', tellerParty(familyName));
  return { id: created.body!['partyId'] as string, version: created.body!['version'] as number };
}

describe('PATCH /v1/customers', () => {
  it('applies each item on its own and answers each in request order as PUT /v1/customers/:id would: 200, 412 for a stale version, 404 for an unknown party', async () => {
    const fresh = await newParty('BatchFresh');
    const stale = await newParty('BatchStale');
    const plain = await newParty('BatchPlain');
    await api.bank(`/parties/${stale.id}`, 'PUT', { ...tellerParty('BatchStale'), contact: { email: 'teller@example.org', phone: null } }, { 'if-match': `"${stale.version}"` });

    const res = await request(api.app)
      .patch('/v1/customers')
      .send({
        items: [
          { id: fresh.id, ifMatch: `"${fresh.version}"`, update: { customerKey: 'CK-BATCH-1', email: 'fresh@example.org' } },
          { id: stale.id, ifMatch: `"${stale.version}"`, update: { email: 'overwrite@example.org' } },
          { id: 'P999999999', update: { email: 'nobody@example.org' } },
          { id: plain.id, update: { phone: '+15555550199' } },
        ],
      })
      .expect(200);

    expect(res.body.results.map((r: { id: string; status: number }) => [r.id, r.status])).toEqual([
      [fresh.id, 200],
      [stale.id, 412],
      ['P999999999', 404],
      [plain.id, 200],
    ]);
    expect(res.body.results[0].result.customer).toMatchObject({ customerKey: 'CK-BATCH-1', email: 'fresh@example.org', version: fresh.version + 1 });
    expect(res.body.results[1].problem).toMatchObject({ type: 'urn:strata:problem:precondition-failed', status: 412, instance: `/v1/customers/${stale.id}` });
    expect(res.body.results[2].problem).toMatchObject({ status: 404 });
    expect((await api.bank(`/parties/${stale.id}`)).body!['contact']).toMatchObject({ email: 'teller@example.org' });
    expect((await api.bank(`/parties/${plain.id}`)).body!['contact']).toMatchObject({ phone: '+15555550199' });
  });

  it('answers an item that changes nothing with the party as it is, writing nothing', async () => {
    const party = await newParty('BatchSame');
    const res = await request(api.app)
      .patch('/v1/customers')
      .send({ items: [{ id: party.id, update: { email: 'batchsame@example.org' } }] })
      .expect(200);
    expect(res.body.results[0]).toMatchObject({ status: 200, result: { customer: { version: party.version } } });
  });

  it('refuses a malformed batch with 400 problem+json naming each bad item, and applies none of it', async () => {
    const party = await newParty('BatchInvalid');
    const res = await request(api.app)
      .patch('/v1/customers')
      .send({ items: [{ id: party.id, update: { email: 'applied@example.org' } }, { id: party.id, update: {} }, { id: 'X1', update: { birthDate: '2020-13-01' } }] })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.items.1.id', 'body.items.2.id', 'body.items.2.update.birthDate']);
    expect((await api.bank(`/parties/${party.id}`)).body!['version']).toBe(party.version);
  });

  it('answers the whole batch 503 with Retry-After when the bank is down for every item, so callers see the outage', async () => {
    const a = await newParty('BatchDownA');
    const b = await newParty('BatchDownB');
    await api.admin('/faults', 'PUT', { down: true });
    const res = await request(api.app)
      .patch('/v1/customers')
      .send({ items: [{ id: a.id, update: { email: 'a@example.org' } }, { id: b.id, update: { email: 'b@example.org' } }] });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.body).toMatchObject({ type: 'urn:strata:problem:upstream-unavailable', upstream: 'core-banking' });
  });
});
