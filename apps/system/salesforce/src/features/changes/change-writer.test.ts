/** The writer and the store on an in-memory PGlite: batching, de-duplication, retries, resync flags. */
import { ContactsById } from '../../salesforce/contacts-by-id';
import { createLogger } from '@strata/logging';
import { openDatabase, type Database } from '@strata/persistence';
import type { CdcEvent } from './cdc-event.mapper';
import { ChangeFeedStore } from './change-feed.store';
import type { ChangeRecord } from './change-feed.types';
import { ChangeWriter } from './change-writer';

jest.setTimeout(60_000);

const logger = createLogger({ service: 'test', silent: true });
const idOf = (n: number) => `0035g${String(n).padStart(10, '0')}AAA`;
const event = (replayId: number, changeType = 'CREATE'): CdcEvent => ({
  payload: { ChangeEventHeader: { entityName: 'Contact', recordIds: [idOf(replayId)], changeType, commitTimestamp: 1_700_000_000_000 + replayId, changedFields: [] } },
  event: { replayId },
});
const resyncChange = (n: number): ChangeRecord => ({ changeType: 'resync', entityType: 'customer', entityId: idOf(n), occurredAt: new Date().toISOString(), origin: { self: false, client: null }, changedFields: [], data: null });

let db: Database;
let store: ChangeFeedStore;

beforeEach(async () => {
  db = await openDatabase();
  store = await ChangeFeedStore.open(db);
});
afterEach(() => db.close());

function writer(readCustomers: (ids: string[]) => Promise<ContactsById> = async () => new ContactsById()) {
  let commits = 0;
  const instance = new ChangeWriter({ store, readCustomers, selfClient: 'me', logger, onCommitted: () => (commits += 1) });
  return { instance, commits: () => commits };
}

const storedReplayIds = async () => (await db.query<{ replay_id: string }>('SELECT replay_id FROM feed_changes ORDER BY seq')).rows.map((r) => Number(r.replay_id));
const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('ChangeWriter', () => {
  it('stores a burst of events with one customer read and one commit, not one per event', async () => {
    const reads: string[][] = [];
    const { instance, commits } = writer(async (ids) => (reads.push(ids), new ContactsById()));
    for (let i = 1; i <= 10; i += 1) instance.push(event(i));
    await until(async () => (await storedReplayIds()).length === 10);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toHaveLength(10);
    expect(commits()).toBe(1);
    expect(await store.state()).toMatchObject({ lastReplayId: 10 });
    await instance.stop();
  });

  it('drops events at or below the stored replay id, as a re-handshake or a second client replays them', async () => {
    const first = writer();
    [1, 2, 3].forEach((n) => first.instance.push(event(n)));
    await until(async () => (await storedReplayIds()).length === 3);
    await first.instance.stop();
    const second = writer();
    second.instance.resumeFrom((await store.state()).lastReplayId);
    [2, 3, 4, 4, 5].forEach((n) => second.instance.push(event(n)));
    await until(async () => (await storedReplayIds()).length >= 5);
    const stale = writer(); // knows nothing in memory: the transaction's check still holds
    stale.instance.push(event(5));
    await until(async () => stale.instance.pending() === 0);
    expect(await storedReplayIds()).toEqual([1, 2, 3, 4, 5]);
    await Promise.all([second.instance.stop(), stale.instance.stop()]);
  });

  it('keeps a batch queued while the customer read fails, and stores it once when it succeeds', async () => {
    let calls = 0;
    const { instance } = writer(async () => {
      calls += 1;
      if (calls === 1) throw new Error('Salesforce is unavailable');
      return new ContactsById();
    });
    instance.push(event(1, 'UPDATE'));
    await until(async () => (await storedReplayIds()).length === 1);
    expect(calls).toBe(2);
    expect(await storedReplayIds()).toEqual([1]);
    await instance.stop();
  });

  it('holds writes during a resync and stores the waiting events after it', async () => {
    const { instance } = writer();
    instance.hold();
    instance.push(event(1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await storedReplayIds()).toEqual([]);
    await store.appendResync([resyncChange(9)], { since: null, refusedReplayId: null, lastChangeAt: null });
    instance.release();
    await until(async () => (await storedReplayIds()).length === 2);
    expect((await store.page(0, 10)).changes.map((c) => c.change.changeType)).toEqual(['resync', 'created']);
    await instance.stop();
  });
});

describe('ChangeFeedStore resync flags', () => {
  const append = (...replayIds: number[]) => store.appendEvents(replayIds.map((replayId) => ({ replayId, commitAt: new Date(), changes: [resyncChange(replayId)] })));
  const flagged = async (after: number, limit = 10) => (await store.page(after, limit)).resynced;

  it('flags exactly the pages that cross the gap or carry resync rows', async () => {
    await append(1, 2); // seq 1, 2
    await store.appendResync([resyncChange(3), resyncChange(4)], { since: null, refusedReplayId: 2, lastChangeAt: null }); // seq 3, 4
    await append(5); // seq 5
    expect(await flagged(0, 2)).toBe(false); // entirely before the gap
    expect(await flagged(0)).toBe(true);
    expect(await flagged(2)).toBe(true);
    expect(await flagged(3, 1)).toBe(true); // still inside the resync rows
    expect(await flagged(4)).toBe(false); // past the resync
  });

  it('flags the next page after an empty resync, so the gap is never silent', async () => {
    await append(1);
    await store.appendResync([], { since: null, refusedReplayId: 1, lastChangeAt: null });
    expect(await flagged(1)).toBe(false); // nothing to read yet
    await append(7);
    expect(await flagged(1)).toBe(true);
    expect(await flagged(0, 1)).toBe(false);
  });
});
