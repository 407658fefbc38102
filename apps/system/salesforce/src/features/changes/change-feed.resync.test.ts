/**
 * Replay ids out of the org's retention window: the feed resyncs (current state of
 * everything changed since the last known change) and flags the page that crosses the
 * gap, then streams on. The emulator keeps events 1.5 s here, and the System API
 * reaches it through a fault proxy (the org's instance URL) so a test can cut it off.
 */
import type { Connection } from 'jsforce';
import request from 'supertest';
import { openDatabase, type Database } from '@strata/persistence';
import { FaultProxy, freeStablePort, startFaultProxy } from '@strata/testing';
import { connectAsOther, headCursor, readUntil, startFeedApi, startOrg, uniqueName, waitFor } from './__fixtures__/change-feed.harness';

jest.setTimeout(120_000);

let org: Awaited<ReturnType<typeof startOrg>>;
let proxy: FaultProxy;
let other: Connection;
let db: Database;
let api: Awaited<ReturnType<typeof startFeedApi>> | undefined;

beforeAll(async () => {
  const port = await freeStablePort();
  proxy = await startFaultProxy({ target: { host: '127.0.0.1', port } });
  org = await startOrg({ PORT: String(port), CDC_RETENTION_MS: '1500', SF_INSTANCE_URL: proxy.url });
  other = await connectAsOther(org.url);
  other.instanceUrl = org.url; // the other writer is never cut off
  db = await openDatabase();
}, 120_000);

afterAll(async () => {
  await api?.close();
  await db?.close();
  await org?.close();
  await proxy?.close();
});

const create = async (lastName: string) => ((await other.sobject('Contact').create({ LastName: lastName })) as { id: string }).id;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('after a restart past the retention window, resyncs what the gap hid, flags the crossing page, then streams on', async () => {
  api = await startFeedApi(proxy.url, db);
  const kept = await create(uniqueName('Kept'));
  const doomed = await create(uniqueName('Doomed'));
  const before = await readUntil(api.app, undefined, (all) => all.some((c) => c.entityId === doomed));
  await api.close();

  await other.sobject('Contact').update({ Id: kept, Email: 'changed-in-the-gap@example.org' });
  const born = await create(uniqueName('BornInTheGap'));
  await other.sobject('Contact').destroy(doomed);
  await sleep(2500); // every event of the gap leaves the retention window

  api = await startFeedApi(proxy.url, db);
  const gap = await readUntil(api.app, before.nextCursor, (all) => [kept, born, doomed].every((id) => all.some((c) => c.entityId === id)));
  expect(gap.changes.every((c) => c.changeType === 'resync')).toBe(true);
  expect(gap.resynced[0]).toBe(true);
  const byId = new Map(gap.changes.map((c) => [c.entityId, c]));
  expect(byId.get(kept)?.data).toMatchObject({ id: kept, email: 'changed-in-the-gap@example.org' });
  expect(byId.get(born)?.data).toMatchObject({ id: born });
  expect(byId.get(doomed)).toMatchObject({ data: null, origin: { self: false, client: null }, changedFields: [] });

  const next = await create(uniqueName('AfterResync'));
  const after = await readUntil(api.app, gap.nextCursor, (all) => all.some((c) => c.entityId === next));
  expect(after.changes.map((c) => [c.changeType, c.entityId])).toEqual([['created', next]]);
  expect(after.resynced).toEqual([false]);
  expect((await request(api.app).get('/v1/changes').query({ limit: 1 })).body.resynced).toBe(false);
});

it("after an outage past the retention window, resyncs when faye's own resubscribe is refused", async () => {
  await api?.close();
  api = await startFeedApi(proxy.url, db);
  const start = await headCursor(api.app);
  const seen = await create(uniqueName('BeforeOutage'));
  const before = await readUntil(api.app, start, (all) => all.some((c) => c.entityId === seen));

  await proxy.setFault({ kind: 'down' });
  const missed = await create(uniqueName('DuringOutage'));
  await org.admin('/streaming/drop'); // the org forgets a client gone this long
  await sleep(2500);
  await proxy.clearFaults();

  const after = await readUntil(api.app, before.nextCursor, (all) => all.some((c) => c.entityId === missed), 45_000);
  expect(after.changes.find((c) => c.entityId === missed)).toMatchObject({ changeType: 'resync', data: { id: missed } });
  expect(after.resynced[0]).toBe(true);
  await waitFor('streaming again', () => api!.feed.isStreaming());
  const next = await create(uniqueName('AfterOutage'));
  const later = await readUntil(api.app, after.nextCursor, (all) => all.some((c) => c.entityId === next));
  expect(later.changes.filter((c) => c.entityId === next).map((c) => c.changeType)).toEqual(['created']);
});
