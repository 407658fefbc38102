/** The snapshot change feed over the real emulator: creations, updates, deletions, quarantine. */
import request from 'supertest';
import { startSystemApi } from '../../__fixtures__/system-api.harness';

type Api = Awaited<ReturnType<typeof startSystemApi>>;
type Change = { changeType: string; entityId: string; changedFields: string[]; data: Record<string, unknown> | null; cursor: string };
let api: Api;

beforeAll(async () => {
  api = await startSystemApi({ people: 60, pageSize: 7 });
}, 60_000);
afterAll(() => api.close());

async function changesAfter(after?: string): Promise<{ changes: Change[]; nextCursor: string }> {
  const res = await request(api.app).get('/v1/changes').query({ limit: 1000, ...(after ? { after } : {}) });
  expect(res.status).toBe(200);
  return res.body;
}

it('reports every cardholder once as created, then only what changed, with the changed fields', async () => {
  await api.feed.drain();
  const first = await changesAfter();
  expect(first.changes.map((c) => c.changeType).every((t) => t === 'created')).toBe(true);
  expect(new Set(first.changes.map((c) => c.entityId)).size).toBe(await api.emulator.count());

  const [edited, removed] = first.changes.map((c) => c.entityId).slice(10, 12);
  await api.emulator.admin(`/cardholders/${edited}`, 'PATCH', { EmailAddress: 'changed@example.org', MobileNumber: '+15555550199' });
  await api.emulator.admin(`/cardholders/${removed}`, 'DELETE');
  await api.feed.drain();
  await api.feed.drain();
  const next = await changesAfter(first.nextCursor);
  expect(next.changes.map((c) => [c.changeType, c.entityId, c.changedFields])).toEqual([
    ['updated', edited, ['email', 'phone', 'version']],
    ['deleted', removed, []],
  ]);
  expect(next.changes[0]?.data).toMatchObject({ email: 'changed@example.org', updatedAt: null });
});

it('quarantines a malformed record, keeps the feed going past it, and shows it in the status', async () => {
  const before = await changesAfter();
  const [target] = (await request(api.app).get('/v1/customers').query({ limit: 2 })).body.items;
  await api.emulator.admin(`/cardholders/${target.id}`, 'PATCH', { EmailAddress: 'after-bad@example.org' });
  const later = (await request(api.app).get('/v1/customers').query({ limit: 30 })).body.items.at(-1);
  await api.emulator.admin(`/cardholders/${later.id}`, 'PATCH', { EmailAddress: 'past-the-bad-one@example.org' });
  await api.emulator.admin('/faults', 'PUT', { malformedNext: 1 });
  await api.feed.drain();

  const status = (await request(api.app).get('/v1/changes/status')).body;
  expect(status.quarantine.total).toBe(1);
  expect(status.quarantine.recent[0]).toMatchObject({ entityId: target.id, source: `cardholder ${target.id}`, reason: expect.stringContaining('not a real date') });
  expect(JSON.parse(status.quarantine.recent[0].raw)).toMatchObject({ CardholderId: target.id });
  const during = await changesAfter(before.nextCursor);
  expect(during.changes.map((c) => [c.changeType, c.entityId])).toEqual([['updated', later.id]]);

  await api.feed.drain();
  const healed = await changesAfter(during.nextCursor);
  expect(healed.changes.map((c) => [c.changeType, c.entityId, c.changedFields])).toEqual([['updated', target.id, ['email', 'version']]]);
  expect((await request(api.app).get('/v1/changes/status')).body.quarantine.total).toBe(1);
});

it("marks a change made through this API's own write as origin.self, and a direct change in the platform as someone else's", async () => {
  await api.feed.drain();
  const { nextCursor } = await changesAfter();
  const [own, direct] = (await request(api.app).get('/v1/customers').query({ limit: 2 })).body.items.map((c: { id: string }) => c.id);
  await request(api.app).put(`/v1/customers/${own}`).send({ email: 'own.write@example.org' }).expect(200);
  await api.emulator.admin(`/cardholders/${direct}`, 'PATCH', { EmailAddress: 'direct@example.org' });
  await api.feed.drain();
  await api.feed.drain();

  const { changes } = await changesAfter(nextCursor);
  const origins = Object.fromEntries(changes.map((c) => [c.entityId, (c as unknown as { origin: unknown }).origin]));
  expect(origins[own]).toEqual({ self: true, client: 'strata-system-card-platform' });
  expect(origins[direct]).toEqual({ self: false, client: null });
});

it('recognises each of its last few writes to a record as its own, so a snapshot read between two of them is no change of someone else', async () => {
  const id = (await request(api.app).get('/v1/customers').query({ limit: 3 })).body.items[2].id as string;
  await request(api.app).put(`/v1/customers/${id}`).send({ email: 'first.write@example.org' }).expect(200);
  const first = await api.platform.get(id);
  await request(api.app).put(`/v1/customers/${id}`).send({ email: 'second.write@example.org' }).expect(200);
  const second = await api.platform.get(id);
  await api.emulator.admin(`/cardholders/${id}`, 'PATCH', { EmailAddress: 'their.edit@example.org' });
  const theirs = await api.platform.get(id);

  expect([api.platform.isOwnWrite(id, first), api.platform.isOwnWrite(id, second), api.platform.isOwnWrite(id, theirs)]).toEqual([true, true, false]);
});
