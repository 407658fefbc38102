/** Two replicas on one database: only one subscribes to CDC, and a standby takes over when it stops. */
import type { Connection } from 'jsforce';
import { openDatabase, type Database } from '@strata/persistence';
import { connectAsOther, headCursor, readUntil, startFeedApi, startOrg, uniqueName, waitFor } from './__fixtures__/change-feed.harness';

jest.setTimeout(90_000);

let org: Awaited<ReturnType<typeof startOrg>>;
let other: Connection;
let db: Database;

beforeAll(async () => {
  org = await startOrg();
  other = await connectAsOther(org.url);
  db = await openDatabase();
}, 120_000);

afterAll(async () => {
  await db?.close();
  await org?.close();
});

const createContact = async (lastName: string) => ((await other.sobject('Contact').create({ LastName: lastName })) as { id: string }).id;

it('subscribes from one replica only, serves reads from both, and hands over without losing or repeating a change', async () => {
  const first = await startFeedApi(org.url, db, { leaseRetryMs: 200 });
  const second = await startFeedApi(org.url, db, { leaseRetryMs: 200 });
  try {
    expect([first.feed.role(), second.feed.role()]).toEqual(['streaming', 'standby']);
    const after = await headCursor(first.app);

    const before = await createContact(uniqueName('BeforeHandover'));
    await readUntil(second.app, after, (all) => all.some((c) => c.entityId === before));
    await first.close();
    await waitFor('the standby to take the subscription over', () => second.feed.role() === 'streaming' && second.feed.isStreaming());
    const afterHandover = await createContact(uniqueName('AfterHandover'));
    const { changes } = await readUntil(second.app, after, (all) => all.some((c) => c.entityId === afterHandover));

    const created = changes.filter((c) => c.changeType === 'created').map((c) => c.entityId);
    expect(created).toEqual([before, afterHandover]);
  } finally {
    await first.close().catch(() => undefined);
    await second.close();
  }
});
