/**
 * Snapshot change detection at the size of a real card book: one change among 5,000
 * cardholders is found by the next pass and reported exactly once. Pass timings are
 * printed so a slowdown shows up in CI logs.
 */
import request from 'supertest';
import { startSystemApi } from '../../__fixtures__/system-api.harness';

jest.setTimeout(120_000);

type Api = Awaited<ReturnType<typeof startSystemApi>>;
type Change = { changeType: string; entityId: string; changedFields: string[] };
let api: Api;

beforeAll(async () => {
  api = await startSystemApi({ people: 7000, pageSize: 1000 });
}, 90_000);
afterAll(() => api?.close());

async function timed(what: string, run: () => Promise<void>): Promise<number> {
  const started = Date.now();
  await run();
  const ms = Date.now() - started;
  process.stdout.write(`[card-platform scale] ${what}: ${ms} ms\n`);
  return ms;
}

it('detects a change to one cardholder among 5,000 and reports it once', async () => {
  const cardholders = await api.emulator.count();
  expect(cardholders).toBeGreaterThanOrEqual(5000);
  await timed(`first pass over ${cardholders} cardholders (all created)`, () => api.feed.drain());
  const first = await request(api.app).get('/v1/changes').query({ limit: 1000, after: undefined });
  expect(first.body.changes[0].changeType).toBe('created');
  const head = (await request(api.app).get('/v1/changes/status')).body;
  expect(head.position).toMatchObject({ pass: 2, startAfter: null });

  const target = first.body.changes[637].entityId as string;
  await api.emulator.admin(`/cardholders/${target}`, 'PATCH', { CardProduct: 'TEST-PRODUCT', EmailAddress: 'one-in-5000@example.org' });
  await timed('second pass (one change)', () => api.feed.drain());
  await timed('third pass (no change)', () => api.feed.drain());

  const all: Change[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await request(api.app).get('/v1/changes').query({ limit: 1000, ...(after ? { after } : {}) });
    all.push(...page.body.changes);
    if (page.body.changes.length === 0) break;
    after = page.body.nextCursor;
  }
  expect(all.filter((c) => c.changeType === 'created')).toHaveLength(cardholders);
  expect(all.filter((c) => c.changeType !== 'created').map((c) => [c.changeType, c.entityId, c.changedFields])).toEqual([
    ['updated', target, ['cardProduct', 'email', 'version']],
  ]);
});
