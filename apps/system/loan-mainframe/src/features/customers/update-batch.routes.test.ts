/**
 * The batch update route against the real emulator: a batch is one request file with a
 * record per item, one acknowledgement settles them all, and each item answers as its
 * single update would.
 */
import { readdirSync } from 'node:fs';
import request from 'supertest';
import { startSystemApi, waitFor } from '../../__fixtures__/system-api.harness';

jest.setTimeout(60_000);
type Api = Awaited<ReturnType<typeof startSystemApi>>;
let api: Api;

beforeAll(async () => {
  api = await startSystemApi({ people: 20 });
});
afterAll(() => api?.close());

/** Active borrowers of the extract, by loan account. */
async function borrowers(count: number): Promise<string[]> {
  const page = await request(api.app).get('/v1/customers').query({ limit: 200 });
  return (page.body.items as { id: string; status: string }[]).filter((c) => c.status === 'active').slice(0, count).map((c) => c.id);
}

const requestFiles = () => readdirSync(api.dirs.inbound).filter((name) => name.endsWith('.req'));

describe('PATCH /v1/customers', () => {
  it('writes one request file for the whole batch and answers each item as its own update would: 200 applied, 422 for return code 12, 404 for 08', async () => {
    const [first, second] = await borrowers(2);
    const filesBefore = requestFiles().length;
    const res = await request(api.app)
      .patch('/v1/customers')
      .set('prefer', 'wait=5')
      .send({
        items: [
          { id: first, update: { email: 'Batch.One@Example.org' } },
          { id: second, update: { birthDate: '2999-01-01' } },
          { id: 'LN-09999999', update: { phone: '+15555550100' } },
        ],
      })
      .expect(200);

    expect(res.body.results.map((r: { id: string; status: number }) => [r.id, r.status])).toEqual([
      [first, 200],
      [second, 422],
      ['LN-09999999', 404],
    ]);
    expect(res.body.results[0].request).toMatchObject({ status: 'applied', returnCode: '00', loanAccount: first });
    expect(res.body.results[1].problem).toMatchObject({ type: 'urn:strata:problem:backend-rejected', status: 422, details: { returnCode: '12' } });
    expect(res.body.results[2].problem).toMatchObject({ status: 404, details: { returnCode: '08' } });
    expect(new Set(res.body.results.map((r: { request: { requestFile: string } }) => r.request.requestFile)).size).toBe(1);
    expect(requestFiles().length).toBe(filesBefore + 1);

    const updated = await waitFor('the change file', async () => {
      await api.feed.drain();
      const body = (await request(api.app).get(`/v1/customers/${first}`)).body;
      return body.email === 'batch.one@example.org' && body;
    });
    expect(updated.id).toBe(first);
  });

  it('answers 202 pending per item without Prefer: wait, each with a request to poll that the acknowledgement settles', async () => {
    const ids = await borrowers(3);
    const res = await request(api.app)
      .patch('/v1/customers')
      .send({ items: ids.map((id, n) => ({ id, update: { phone: `+1555555020${n}` } })) })
      .expect(200);
    expect(res.body.results.map((r: { status: number }) => r.status)).toEqual([202, 202, 202]);
    for (const result of res.body.results as { request: { requestId: string } }[]) {
      const settled = await waitFor('the acknowledgement', async () => {
        const status = await request(api.app).get(`/v1/requests/${result.request.requestId}`);
        return status.body.status !== 'pending' && status.body;
      });
      expect(settled).toMatchObject({ status: 'applied', returnCode: '00' });
    }
  });

  it('refuses the whole batch with 400 naming the item the record cannot hold, writing no file', async () => {
    const [first, second] = await borrowers(2);
    const filesBefore = requestFiles().length;
    const res = await request(api.app)
      .patch('/v1/customers')
      .send({ items: [{ id: first, update: { email: 'fine@example.org' } }, { id: second, update: { firstName: 'X'.repeat(31) } }] });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.items.1.update.firstName']);
    expect(requestFiles().length).toBe(filesBefore);
  });

  it('refuses a loan twice in one batch, naming the second', async () => {
    const [first] = await borrowers(1);
    const res = await request(api.app).patch('/v1/customers').send({ items: [{ id: first, update: {} }, { id: first, update: { phone: null } }] });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.items.1.id']);
  });
});
