import { SYNCED_SYSTEMS, type GoldenField, type SyncedSystem } from '@strata/contracts-process-customer-sync';
import type { Queryable } from '@strata/persistence';
import type { GoldenValues, SurvivorshipOutcome } from './survivorship';

/** Stores a new golden version with its history and queues it for `targets`, all in `tx`. */
export async function writeVersion(tx: Queryable, customerKey: string, version: number, cause: string, outcome: SurvivorshipOutcome, targets: SyncedSystem[]): Promise<number> {
  await tx.query('UPDATE golden_customers SET version = $2, sources = $3::jsonb, updated_at = now() WHERE customer_key = $1', [customerKey, version, JSON.stringify(outcome.values)]);
  await tx.query('INSERT INTO golden_history (customer_key, version, cause, changes, rejected, values_after) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb)', [
    customerKey,
    version,
    cause,
    JSON.stringify(outcome.changes.map((c) => ({ field: c.field, from: c.from, to: c.to.value, source: { system: c.to.system, at: new Date(c.to.at).toISOString(), rule: c.to.rule } }))),
    JSON.stringify(outcome.rejected),
    JSON.stringify(plainValues(outcome.values)),
  ]);
  // One statement for every target: each row is another target's, so no target's order changes.
  if (targets.length > 0) await tx.query('INSERT INTO outbox (target, customer_key, version) SELECT unnest($1::text[]), $2, $3', [targets, customerKey, version]);
  return version;
}

/** Each golden field's value without where it came from: what a version held, as its history keeps it. */
export function plainValues(values: GoldenValues): Partial<Record<GoldenField, unknown>> {
  return Object.fromEntries(Object.entries(values).map(([field, source]) => [field, source?.value]));
}

/** The golden record's version and values, locked until the transaction ends. */
export async function lockGolden(tx: Queryable, customerKey: string): Promise<{ version: number; sources: GoldenValues }> {
  const golden = await lockGoldenIfAny(tx, customerKey);
  if (!golden) throw new Error(`golden record ${customerKey} vanished inside its transaction`);
  return golden;
}

/**
 * The golden record, locked against other changes to it until the transaction ends:
 * `FOR NO KEY UPDATE`, not `FOR UPDATE`, because the key never changes, and the stronger
 * lock would also block the foreign-key checks of rows that merely reference the
 * record (the dispatcher recording a delivery), which deadlocked with intake pages
 * locking several golden records in another order.
 */
export async function lockGoldenIfAny(tx: Queryable, customerKey: string): Promise<{ version: number; sources: GoldenValues } | null> {
  const { rows } = await tx.query<{ version: number; sources: GoldenValues }>('SELECT version, sources FROM golden_customers WHERE customer_key = $1 FOR NO KEY UPDATE', [customerKey]);
  const row = rows[0];
  return row ? { version: Number(row.version), sources: row.sources } : null;
}

export async function linkedSystems(tx: Queryable, customerKey: string): Promise<SyncedSystem[]> {
  const { rows } = await tx.query<{ system: SyncedSystem }>('SELECT system FROM xref WHERE customer_key = $1', [customerKey]);
  const linked = new Set(rows.map((row) => row.system));
  return SYNCED_SYSTEMS.filter((system) => linked.has(system));
}

