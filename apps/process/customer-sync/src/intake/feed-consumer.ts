import type { Logger } from '@strata/logging';
import { isUniqueViolation, retryOnConflict, tryAcquireLease, type Database, type Lease } from '@strata/persistence';
import { applyRecord, type IntakePolicy } from './apply-record';
import type { SourceFeed, SourcePage } from './source-feed';
import type { IntakeResult } from './system-record';

export interface FeedConsumerOptions {
  db: Database;
  feed: SourceFeed;
  policy: IntakePolicy;
  logger: Logger;
  /** Long-poll wait per read. Default 5 s. */
  waitMs?: number;
  /** Pause after an empty page, for feeds that answer at once instead of long polling. Default 200 ms. */
  idleMs?: number;
  /** How often a replica without the lease tries for it. Default 2 s. */
  leaseRetryMs?: number;
  /** Longest pause after repeated failures. Default 30 s. */
  maxBackoffMs?: number;
  /** After each committed page (metrics, tests). */
  onPage?: (results: IntakeResult[]) => void;
}

/**
 * Consumes one System API's change feed. The page's changes and the cursor after it
 * commit in one transaction, so a crash at any instant either applied the page and
 * moved the cursor, or did neither: nothing is lost and nothing applied twice. One
 * replica per feed holds the lease `customer-sync:feed:<system>`; when it dies its
 * database session ends, the lease frees, and another replica takes over within
 * `leaseRetryMs`.
 */
export class FeedConsumer {
  private lease: Lease | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private failures = 0;

  constructor(private readonly options: FeedConsumerOptions) {}

  get system() {
    return this.options.feed.system;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.lease?.release();
    this.lease = undefined;
  }

  /** True while this replica holds the feed's lease. */
  isConsuming(): boolean {
    return this.lease !== undefined && !this.lease.signal.aborted;
  }

  /** Reads and applies one page; true when it held changes. Exposed for tests. */
  async consumePage(waitMs = this.options.waitMs ?? 5000): Promise<boolean> {
    const { db, feed } = this.options;
    const cursor = await readCursor(db, feed.system);
    const page = await feed.read(cursor, waitMs);
    if (page.changes.length === 0 && page.nextCursor === cursor) {
      await db.query('UPDATE feed_cursors SET last_read_at = now(), last_error = NULL, lag_ms = 0 WHERE system = $1', [feed.system]);
      return false;
    }
    // Another feed's page may hold rows this one needs, in the opposite order (a deadlock),
    // or start the same new golden record first (its key taken). Either way this page
    // wrote nothing and, applied again, finds the other's rows: no failure to report.
    const results = await retryOnConflict(() => this.applyPage(page), { alsoRetry: isUniqueViolation });
    for (const result of results) {
      if (result.outcome === 'unchanged' && result.echoNotAdopted) {
        this.options.logger.info('our write came back holding values no golden version had; its version is not taken', { customerKey: result.customerKey, ...result.echoNotAdopted });
      }
    }
    this.options.onPage?.(results);
    return page.changes.length > 0;
  }

  /** Applies a page's changes and moves the cursor past them, in one transaction. */
  private applyPage(page: SourcePage): Promise<IntakeResult[]> {
    const { db, feed, policy } = this.options;
    return db.transaction(async (tx) => {
      const applied: IntakeResult[] = [];
      for (const change of page.changes) {
        const record = feed.toRecord(change);
        if (record) applied.push(await applyRecord(tx, record, policy));
      }
      const newest = page.changes.at(-1)?.occurredAt ?? null;
      // Lag: how far behind the source this page's last change was applied; 0 once caught up.
      const lagMs = newest ? Math.max(0, Date.now() - Date.parse(newest)) : 0;
      await tx.query(
        `INSERT INTO feed_cursors (system, cursor, last_change_at, last_read_at, last_error, lag_ms) VALUES ($1, $2, $3, now(), NULL, $4)
         ON CONFLICT (system) DO UPDATE SET cursor = $2, last_change_at = COALESCE($3, feed_cursors.last_change_at), last_read_at = now(), last_error = NULL, lag_ms = $4, updated_at = now()`,
        [feed.system, page.nextCursor, newest, lagMs],
      );
      return applied;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (!this.isConsuming()) {
        this.lease = await tryAcquireLease(this.options.db, `customer-sync:feed:${this.system}`).catch(() => undefined);
        if (!this.isConsuming()) {
          this.lease = undefined;
          await this.sleep(this.options.leaseRetryMs ?? 2000);
          continue;
        }
        this.options.logger.info('consuming change feed', { system: this.system });
      }
      try {
        const hadChanges = await this.consumePage();
        this.failures = 0;
        if (!hadChanges) await this.sleep(this.options.idleMs ?? 200);
      } catch (error) {
        this.failures += 1;
        this.options.logger.warn('change feed read failed; will retry', { system: this.system, failures: this.failures, error });
        await recordError(this.options.db, this.system, error).catch(() => undefined);
        await this.sleep(Math.min(this.options.maxBackoffMs ?? 30_000, 250 * 2 ** Math.min(this.failures, 10)));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.wake = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}

async function readCursor(db: Database, system: string): Promise<string | undefined> {
  const { rows } = await db.query<{ cursor: string | null }>('SELECT cursor FROM feed_cursors WHERE system = $1', [system]);
  return rows[0]?.cursor ?? undefined;
}

async function recordError(db: Database, system: string, error: unknown): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  await db.query(
    `INSERT INTO feed_cursors (system, last_error) VALUES ($1, $2)
     ON CONFLICT (system) DO UPDATE SET last_error = $2, updated_at = now()`,
    [system, message],
  );
}
