import { encodeCursor } from '@strata/contract-kit';
import { SYNCED_SYSTEMS, type SyncedSystem } from '@strata/contracts-process-customer-sync';
import { NotFoundError } from '@strata/errors';
import type { Database } from '@strata/persistence';
import type { DeliveryCounts } from '../propagation/delivery-tally';
import { replayDeadLetter } from '../propagation/outbox.queries';
import { cursorValue } from './customer-queries';

interface DeadLetterRow {
  id: string;
  target: SyncedSystem;
  customer_key: string;
  version: number;
  attempts: number;
  last_error: string | null;
  updated_at: Date;
}

const toDeadLetter = (row: DeadLetterRow) => ({
  id: String(row.id),
  target: row.target,
  customerKey: row.customer_key,
  version: Number(row.version),
  attempts: Number(row.attempts),
  reason: row.last_error ?? 'unknown',
  failedAt: new Date(row.updated_at).toISOString(),
});

export async function listDeadLetters(db: Database, query: { target?: SyncedSystem; after?: string; limit: number }) {
  const after = Number(cursorValue(query.after, 'id') ?? 0);
  const { rows } = await db.query<DeadLetterRow>(
    "SELECT * FROM outbox WHERE state = 'dead' AND id > $1 AND ($2::text IS NULL OR target = $2) ORDER BY id LIMIT $3",
    [after, query.target ?? null, query.limit + 1],
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toDeadLetter), nextCursor: rows.length > query.limit && last ? encodeCursor({ id: Number(last.id) }) : null };
}

/** Queues a dead letter again with fresh attempts; its delivery writes the current golden record. */
export async function replay(db: Database, id: string) {
  if (!/^\d+$/.test(id) || !(await replayDeadLetter(db, Number(id)))) throw new NotFoundError(`No dead letter ${id}`);
  const { rows } = await db.query<DeadLetterRow>('SELECT * FROM outbox WHERE id = $1', [id]);
  return toDeadLetter(rows[0] as DeadLetterRow);
}

/** What the health route needs to know about the running loops. */
export interface RuntimeState {
  isConsuming(system: SyncedSystem): boolean;
  breaker(system: SyncedSystem): 'closed' | 'open' | 'half-open';
  /** Per target, the write requests this replica sent, the deliveries they carried and the failures by kind. */
  deliveryCounts?(): ({ system: SyncedSystem } & DeliveryCounts)[];
}

/** Lag per source, outbox depth and dead letters per target, last errors, open reviews. */
export async function syncHealth(db: Database, runtime: RuntimeState) {
  const cursors = await db.query<{ system: SyncedSystem; lag_ms: string | null; last_read_at: Date | null; last_error: string | null }>('SELECT * FROM feed_cursors');
  const outbox = await db.query<{ target: SyncedSystem; pending: string; delivered: string; dead: string; oldest: Date | null; last_error: string | null }>(
    `SELECT target,
       count(*) FILTER (WHERE state = 'pending') AS pending,
       count(*) FILTER (WHERE state = 'delivered') AS delivered,
       count(*) FILTER (WHERE state = 'dead') AS dead,
       min(created_at) FILTER (WHERE state = 'pending') AS oldest,
       (array_agg(last_error ORDER BY updated_at DESC) FILTER (WHERE last_error IS NOT NULL AND state <> 'delivered'))[1] AS last_error
     FROM outbox GROUP BY target`,
  );
  const reviews = await db.query<{ open: string }>("SELECT count(*) AS open FROM match_reviews WHERE status = 'open'");
  const now = Date.now();
  const seconds = (at: Date | null | undefined) => (at ? Math.max(0, (now - new Date(at).getTime()) / 1000) : null);
  const iso = (at: Date | null | undefined) => (at ? new Date(at).toISOString() : null);
  return {
    sources: SYNCED_SYSTEMS.map((system) => {
      const row = cursors.rows.find((r) => r.system === system);
      return { system, lagSeconds: row?.lag_ms == null ? null : Number(row.lag_ms) / 1000, consuming: runtime.isConsuming(system), lastReadAt: iso(row?.last_read_at), lastError: row?.last_error ?? null };
    }),
    targets: SYNCED_SYSTEMS.map((system) => {
      const row = outbox.rows.find((r) => r.target === system);
      return {
        system,
        outboxDepth: Number(row?.pending ?? 0),
        delivered: Number(row?.delivered ?? 0),
        oldestPendingSeconds: seconds(row?.oldest),
        deadLetters: Number(row?.dead ?? 0),
        breaker: runtime.breaker(system),
        lastError: row?.last_error ?? null,
      };
    }),
    openReviews: Number(reviews.rows[0]?.open ?? 0),
  };
}
