/**
 * The change feed from `modifiedSince` polling, against the real bank emulator: every
 * change exactly once despite overlapping re-reads and same-second timestamps, own
 * writes recognised, and malformed records quarantined without stopping the feed.
 */
import request from 'supertest';
import type { FeedChange } from '@strata/change-feed';
import { startSystemApi, tellerParty, type SystemApi } from '../../__fixtures__/system-api.harness';

let api: SystemApi;
let cursor: string | undefined;

beforeAll(async () => {
  // Pages of 2 force the scan through same-second runs page by page.
  api = await startSystemApi({ pageSize: 2, overlapSeconds: 30 });
}, 60_000);
afterAll(() => api.close());
afterEach(() => api.admin('/faults', 'DELETE'));

/** Drains the feed and returns the changes since the previous call. */
async function newChanges(): Promise<FeedChange<Record<string, unknown>>[]> {
  await api.feed.drain();
  const res = await request(api.app).get('/v1/changes').query({ limit: 1000, ...(cursor ? { after: cursor } : {}) }).expect(200);
  cursor = res.body.nextCursor;
  return res.body.changes;
}

const createParty = async (name: string, key?: string) => (await api.bank('/parties', 'POST', tellerParty(name, key))).body!['partyId'] as string;

it('delivers each created party once, even when five share one second and pages hold two', async () => {
  const ids = [];
  for (let i = 0; i < 5; i += 1) ids.push(await createParty(`Burst${i}`));
  const changes = await newChanges();
  expect(changes.map((c) => [c.changeType, c.entityId])).toEqual(ids.map((id) => ['created', id]));
  expect(changes[0]).toMatchObject({ entityType: 'customer', origin: { self: false, client: null }, data: { id: ids[0], lastName: 'Burst0' } });
  expect(await newChanges()).toEqual([]);
});

it('delivers an update once with the changed fields, though every later scan re-reads it', async () => {
  const id = await createParty('Before', 'CK-FEED-1');
  await newChanges();
  const read = await api.bank(`/parties/${id}`);
  await api.bank(`/parties/${id}`, 'PUT', { ...tellerParty('After', 'CK-FEED-1'), contact: { email: 'after@example.org', phone: null } }, { 'if-match': read.etag! });
  const changes = await newChanges();
  expect(changes).toHaveLength(1);
  expect(changes[0]).toMatchObject({ changeType: 'updated', entityId: id, data: { lastName: 'After', version: 2 } });
  expect(changes[0]!.changedFields).toEqual(expect.arrayContaining(['email', 'lastName', 'phone', 'version']));
  expect(changes[0]!.changedFields).not.toContain('firstName');
  expect([...(await newChanges()), ...(await newChanges())]).toEqual([]);
});

it("marks the API's own writes with origin.self", async () => {
  const res = await request(api.app).put('/v1/customers/by-key/CK-FEED-SELF').send({ lastName: 'Self' }).expect(201);
  const changes = await newChanges();
  expect(changes.map((c) => [c.entityId, c.origin])).toEqual([[res.body.id, { self: true, client: 'system-core-banking' }]]);
});

it('quarantines a malformed party with the reason, shows it in the status, and continues past it', async () => {
  const broken = await createParty('Broken');
  await api.admin('/faults', 'PUT', { malformPartyIds: [broken], malformKind: 'missing-legal-name' });
  const firstScan = await newChanges();
  expect(firstScan.map((c) => c.entityId)).not.toContain(broken);
  const status = await request(api.app).get('/v1/changes/status').expect(200);
  expect(status.body.quarantine.total).toBe(1);
  expect(status.body.quarantine.recent[0]).toMatchObject({ sourceName: 'core-banking-parties', source: `party ${broken}`, entityId: broken, reason: expect.stringContaining('legalName') });
  expect(status.body.quarantine.recent[0].raw).toContain(broken);
  expect(status.body).toMatchObject({ source: 'core-banking-parties', lastError: null, position: { watermark: expect.stringMatching(/^\d{14}$/) } });

  const later = await createParty('Later');
  expect((await newChanges()).map((c) => c.entityId)).toEqual([later]);
  expect((await request(api.app).get('/v1/changes/status')).body.quarantine.total).toBe(1);

  await api.admin('/faults', 'DELETE');
  expect((await newChanges()).map((c) => [c.changeType, c.entityId])).toEqual([['created', broken]]);
});

it('records a failed poll in the status and resumes where it stood once the bank is back', async () => {
  await api.admin('/faults', 'PUT', { down: true });
  await expect(api.feed.drain()).rejects.toMatchObject({ name: 'UpstreamUnavailableError' });
  await api.admin('/faults', 'DELETE');
  const id = await createParty('AfterOutage');
  expect((await newChanges()).map((c) => c.entityId)).toEqual([id]);
});
