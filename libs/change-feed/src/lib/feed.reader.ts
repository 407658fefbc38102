import { decodeCursor, encodeCursor } from '@strata/contract-kit';
import { ValidationError } from '@strata/errors';
import type { ChangeFeedPage, ChangeFeedQuery } from './change-feed.types';
import type { FeedStore } from './feed.store';

/**
 * Tells long polls that something was committed. A version number closes the race
 * between "read, found nothing" and "start waiting": a commit in between bumps the
 * version and the wait returns at once.
 */
export class CommitSignal {
  private version = 0;
  private readonly waiters = new Set<() => void>();

  get current(): number {
    return this.version;
  }

  notify(): void {
    this.version += 1;
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves on the next commit after `seen`, or after `ms`. */
  wait(seen: number, ms: number): Promise<void> {
    if (this.version !== seen) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waiters.add(wake);
    });
  }
}

/** The feed position a cursor stands for; 0 (the beginning) when none is given. */
export function cursorSeq(after: string | undefined): number {
  if (after === undefined) return 0;
  const seq = decodeCursor<{ seq?: unknown }>(after)?.seq;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
    throw new ValidationError('Invalid cursor', [{ path: 'query.after', message: 'Not a cursor from this change feed' }]);
  }
  return seq;
}

export interface ReadOptions {
  signal: CommitSignal;
  /** Re-read at least this often while waiting: another replica may have written. */
  pollMs?: number;
  /** Ends waits early (shutdown), answering with what there is. */
  shouldStopWaiting?: () => boolean;
}

/**
 * One page of the feed: changes after the cursor, oldest first. With `waitMs` and
 * nothing to return, it waits for a commit (woken at once in this process, re-read
 * every `pollMs` for commits by other replicas) until the time is up.
 */
export async function readChanges<T>(store: FeedStore, query: ChangeFeedQuery, options: ReadOptions): Promise<ChangeFeedPage<T>> {
  const after = cursorSeq(query.after);
  const deadline = Date.now() + query.waitMs;
  for (;;) {
    const seen = options.signal.current;
    const stored = await store.page(after, query.limit);
    const remaining = deadline - Date.now();
    if (stored.length > 0 || remaining <= 0 || options.shouldStopWaiting?.()) {
      const changes = stored.map(({ seq, change }) => ({ cursor: encodeCursor({ seq }), ...change })) as ChangeFeedPage<T>['changes'];
      return { changes, nextCursor: changes.at(-1)?.cursor ?? query.after ?? encodeCursor({ seq: after }), resynced: false };
    }
    await options.signal.wait(seen, Math.min(remaining, options.pollMs ?? 1000));
  }
}
