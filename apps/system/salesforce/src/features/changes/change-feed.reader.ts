import { encodeCursor } from '@strata/contract-kit';
import { CommitSignal, cursorSeq, type ReadOptions } from '@strata/change-feed';
import { withVersion } from '../../salesforce/contact-version';
import type { ChangeFeedStore } from './change-feed.store';

/** The signal and cursors are the shared change-feed lib's; re-exported for this feature's tests. */
export { CommitSignal, cursorSeq };
import type { ChangeFeedPage, ChangeFeedQuery } from './change-feed.types';

/**
 * One page of the feed: changes after the cursor, oldest first. With `waitMs` and
 * nothing to return, it waits for a commit (woken at once in this process, re-read
 * every `pollMs` for commits by other replicas) until the time is up. Rows stored
 * before customers had a `version` get it here, so an upgrade serves no invalid page.
 */
export async function readChanges(store: ChangeFeedStore, query: ChangeFeedQuery, options: ReadOptions): Promise<ChangeFeedPage> {
  const after = cursorSeq(query.after);
  const deadline = Date.now() + query.waitMs;
  for (;;) {
    const seen = options.signal.current;
    const page = await store.page(after, query.limit);
    const remaining = deadline - Date.now();
    if (page.changes.length > 0 || remaining <= 0 || options.shouldStopWaiting?.()) {
      const changes = page.changes.map(({ seq, change }) => ({ cursor: encodeCursor({ seq }), ...change, data: change.data && withVersion(change.data) }));
      return { changes, nextCursor: changes.at(-1)?.cursor ?? query.after ?? encodeCursor({ seq: after }), resynced: page.resynced };
    }
    await options.signal.wait(seen, Math.min(remaining, options.pollMs ?? 1000));
  }
}
