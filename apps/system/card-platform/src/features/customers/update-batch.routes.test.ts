/** The batch update route over the real emulator process: each item answered as its single PUT would be. */
import request from 'supertest';
import { startSystemApi } from '../../__fixtures__/system-api.harness';

type Api = Awaited<ReturnType<typeof startSystemApi>>;
let api: Api;

beforeAll(async () => {
  api = await startSystemApi({ people: 12 });
}, 60_000);
afterAll(() => api.close());

const cardholders = async () => (await request(api.app).get('/v1/customers').query({ limit: 12 })).body.items as { id: string; version: string }[];
const onPlatform = async (id: string) => (await (await api.emulator.soapClient()).GetCardholderAsync({ CardholderId: id }))[0].Cardholder as Record<string, unknown>;

describe('PATCH /v1/customers', () => {
  it('applies each item on its own and answers each in request order as PUT /v1/customers/:id would: 200, 412 for a stale version, 404 for an unknown cardholder', async () => {
    const [current, stale, plain] = await cardholders();
    await api.emulator.admin(`/cardholders/${stale!.id}`, 'PATCH', { EmailAddress: 'branch-staff@example.org' });

    const res = await request(api.app)
      .patch('/v1/customers')
      .send({
        items: [
          { id: current!.id, ifMatch: `"${current!.version}"`, update: { customerKey: 'CK-990101', email: 'batched@example.org' } },
          { id: stale!.id, ifMatch: `"${stale!.version}"`, update: { email: 'older-golden@example.org' } },
          { id: 'CP-999999', update: { email: 'nobody@example.org' } },
          { id: plain!.id, update: { phone: '+15555550177' } },
        ],
      })
      .expect(200);

    expect(res.body.results.map((r: { id: string; status: number }) => [r.id, r.status])).toEqual([
      [current!.id, 200],
      [stale!.id, 412],
      ['CP-999999', 404],
      [plain!.id, 200],
    ]);
    expect(res.body.results[0].result.customer).toMatchObject({ customerKey: 'CK-990101', email: 'batched@example.org' });
    expect(res.body.results[0].result.customer.version).not.toBe(current!.version);
    expect(res.body.results[1].problem).toMatchObject({ type: 'urn:strata:problem:precondition-failed', instance: `/v1/customers/${stale!.id}` });
    expect((await onPlatform(stale!.id))['EmailAddress']).toBe('branch-staff@example.org');
    expect((await onPlatform(plain!.id))['MobileNumber']).toBe('+15555550177');
  });

  it('refuses a cardholder twice in one batch and a malformed version, naming each item, and applies none of it', async () => {
    const [first] = await cardholders();
    const before = await onPlatform(first!.id);
    const res = await request(api.app)
      .patch('/v1/customers')
      .send({ items: [{ id: first!.id, update: { email: 'never@example.org' } }, { id: first!.id, ifMatch: '"7"', update: {} }] });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.items.1.id', 'body.items.1.ifMatch']);
    expect((await onPlatform(first!.id))['EmailAddress']).toBe(before['EmailAddress']);
  });
});
