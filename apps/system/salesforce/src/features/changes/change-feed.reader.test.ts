/** Reading the feed: cursors, empty pages, and long polls woken by commits. */
import { encodeCursor } from '@strata/contract-kit';
import { ValidationError } from '@strata/errors';
import { openDatabase, type Database } from '@strata/persistence';
import { CommitSignal, cursorSeq, readChanges } from './change-feed.reader';
import { ChangeFeedStore } from './change-feed.store';
import type { Customer } from '@strata/contracts-system-salesforce';
import { toCustomer } from '../../salesforce/contact.mapper';
import type { ChangeRecord } from './change-feed.types';

jest.setTimeout(60_000);

const change: ChangeRecord = {
  changeType: 'created',
  entityType: 'customer',
  entityId: '0035g0000000001AAA',
  occurredAt: '2024-01-31T10:00:00.000Z',
  origin: { self: false, client: null },
  changedFields: [],
  data: null,
};

let db: Database;
let store: ChangeFeedStore;
const signal = new CommitSignal();
const append = async (replayId: number) => {
  await store.appendEvents([{ replayId, commitAt: new Date(), changes: [change] }]);
  signal.notify();
};

beforeEach(async () => {
  db = await openDatabase();
  store = await ChangeFeedStore.open(db);
});
afterEach(() => db.close());

describe('readChanges', () => {
  it('answers an empty page with the cursor it was given, or the beginning without one', async () => {
    const given = encodeCursor({ seq: 0 });
    expect(await readChanges(store, { after: given, limit: 10, waitMs: 0 }, { signal })).toEqual({ changes: [], nextCursor: given, resynced: false });
    expect((await readChanges(store, { limit: 10, waitMs: 0 }, { signal })).nextCursor).toBe(encodeCursor({ seq: 0 }));
  });

  it('returns a waiting long poll as soon as a change is committed', async () => {
    const started = performance.now();
    const page = readChanges(store, { limit: 10, waitMs: 5000 }, { signal, pollMs: 5000 });
    setTimeout(() => void append(1), 100);
    const result = await page;
    expect(result.changes).toEqual([{ cursor: encodeCursor({ seq: 1 }), ...change }]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('finds commits of another replica by re-reading every pollMs', async () => {
    const page = readChanges(store, { limit: 10, waitMs: 5000 }, { signal: new CommitSignal(), pollMs: 100 });
    setTimeout(() => void append(1), 150);
    expect((await page).changes).toHaveLength(1);
  });

  it('ends the wait early when told to stop waiting (shutdown)', async () => {
    const started = performance.now();
    const page = await readChanges(store, { limit: 10, waitMs: 5000 }, { signal, pollMs: 50, shouldStopWaiting: () => performance.now() - started > 100 });
    expect(page.changes).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('serves a customer stored before versions existed with the version a read of it would serve', async () => {
    const contact = { Id: '0035g0000000002AAA', LastName: 'Legacy', Email: 'legacy@example.org', CreatedDate: '2024-01-31T10:00:00.000+0000', LastModifiedDate: '2024-01-31T10:00:05.123+0000' };
    const { version, ...stored } = toCustomer(contact);
    await store.appendEvents([{ replayId: 1, commitAt: new Date(), changes: [{ ...change, entityId: contact.Id, data: stored as Customer }] }]);
    const [served] = (await readChanges(store, { limit: 10, waitMs: 0 }, { signal })).changes;
    expect(served?.data).toEqual({ ...stored, version });
    expect(version).toMatch(/^1706695205123-[0-9a-f]{8}$/);
  });

  it.each(['%%%', encodeCursor({ seq: 1.5 }), encodeCursor({ seq: '3' }), encodeCursor({ id: 'x' })])('refuses the cursor %p naming query.after', (after) => {
    expect(() => cursorSeq(after)).toThrow(ValidationError);
    try {
      cursorSeq(after);
    } catch (error) {
      expect((error as ValidationError).fieldErrors.map((e) => e.path)).toEqual(['query.after']);
    }
  });
});
