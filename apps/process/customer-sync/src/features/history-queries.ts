import { encodeCursor } from '@strata/contract-kit';
import { SYNCED_SYSTEMS, type historyEntrySchema, type SyncedSystem } from '@strata/contracts-process-customer-sync';
import type { z } from 'zod';
import type { Database } from '@strata/persistence';
import { cursorValue, getCustomer } from './customer-queries';

/** A golden record's versions, newest first. */
export async function customerHistory(db: Database, customerKey: string, query: { after?: string; limit: number }) {
  await getCustomer(db, customerKey);
  const before = Number(cursorValue(query.after, 'version') ?? 2_147_483_647);
  type Entry = z.output<typeof historyEntrySchema>;
  const { rows } = await db.query<{ version: number; at: Date; cause: Entry['cause']; changes: Entry['changes']; rejected: Entry['rejected'] }>(
    'SELECT version, at, cause, changes, rejected FROM golden_history WHERE customer_key = $1 AND version < $2 ORDER BY version DESC LIMIT $3',
    [customerKey, before, query.limit + 1],
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({ version: Number(row.version), at: new Date(row.at).toISOString(), cause: row.cause, changes: row.changes, rejected: row.rejected })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ version: Number(last.version) }) : null,
  };
}

type PropagationState = 'in-sync' | 'pending' | 'retrying' | 'waiting-for-system' | 'dead-lettered' | 'not-linked';

/**
 * Where the golden record's latest version stands in each system, from its outbox rows
 * and confirmed deliveries. `blocked(system)` says whose breaker is open, so a customer
 * is told "waiting for the system" rather than "failing".
 */
export async function customerSyncStatus(db: Database, customerKey: string, blocked: (system: SyncedSystem) => boolean) {
  const customer = await getCustomer(db, customerKey);
  const { rows } = await db.query<{ target: SyncedSystem; state: string; attempts: number; last_error: string | null; updated_at: Date; delivered_version: number | null }>(
    `SELECT s.target, o.state, COALESCE(o.attempts, 0) AS attempts, o.last_error, COALESCE(o.updated_at, d.updated_at) AS updated_at, d.delivered_version
     FROM (SELECT unnest($2::text[]) AS target) s
     LEFT JOIN LATERAL (SELECT state, attempts, last_error, updated_at FROM outbox WHERE target = s.target AND customer_key = $1 ORDER BY id DESC LIMIT 1) o ON true
     LEFT JOIN deliveries d ON d.target = s.target AND d.customer_key = $1`,
    [customerKey, [...SYNCED_SYSTEMS]],
  );
  const systems = rows.map((row) => {
    const linked = customer.identifiers[row.target] !== null;
    const state: PropagationState = !linked
      ? 'not-linked'
      : row.state === 'dead'
        ? 'dead-lettered'
        : row.state === 'pending'
          ? blocked(row.target)
            ? 'waiting-for-system'
            : Number(row.attempts) > 0
              ? 'retrying'
              : 'pending'
          : 'in-sync';
    return {
      system: row.target,
      state,
      deliveredVersion: row.delivered_version === null ? null : Number(row.delivered_version),
      attempts: Number(row.attempts),
      lastError: row.last_error,
      updatedAt: row.updated_at ? new Date(row.updated_at).toISOString() : null,
    };
  });
  return { customerKey, version: customer.version, systems };
}
