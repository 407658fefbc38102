import { SYNCED_SYSTEMS, type SyncedSystem } from '@strata/contracts-process-customer-sync';
import type { Queryable } from '@strata/persistence';
import type { GoldenValues, SurvivorshipOutcome } from './survivorship';

/**
 * Stores a new golden version with its history and queues it for `targets`, all in
 * `tx` and in one statement: intake writes a version for every change it takes in, and
 * each statement is a round trip to the database.
 */
export async function writeVersion(tx: Queryable, customerKey: string, version: number, cause: string, outcome: SurvivorshipOutcome, targets: SyncedSystem[]): Promise<number> {
  const changes = outcome.changes.map((c) => ({ field: c.field, from: c.from, to: c.to.value, source: { system: c.to.system, at: new Date(c.to.at).toISOString(), rule: c.to.rule } }));
  await tx.query(
    `WITH golden AS (
       UPDATE golden_customers SET version = $2, sources = $3::jsonb, updated_at = now() WHERE customer_key = $1
     ), history AS (
       INSERT INTO golden_history (customer_key, version, cause, changes, rejected) VALUES ($1, $2, $4, $5::jsonb, $6::jsonb)
     )
     INSERT INTO outbox (target, customer_key, version) SELECT target, $1, $2 FROM unnest($7::text[]) WITH ORDINALITY AS t(target, n) ORDER BY n`,
    [customerKey, version, JSON.stringify(outcome.values), cause, JSON.stringify(changes), JSON.stringify(outcome.rejected), targets],
  );
  return version;
}

/** A golden record as intake and the API change it: locked, with the systems linked to it. */
export interface LockedGolden {
  version: number;
  sources: GoldenValues;
  /** Linked systems, in SYNCED_SYSTEMS order. */
  linked: SyncedSystem[];
}

/** The golden record's version, values and linked systems, locked until the transaction ends. */
export async function lockGolden(tx: Queryable, customerKey: string): Promise<LockedGolden> {
  const golden = await lockGoldenIfAny(tx, customerKey);
  if (!golden) throw new Error(`golden record ${customerKey} vanished inside its transaction`);
  return golden;
}

/** Like {@link lockGolden}, null when there is no such golden record; one round trip for all three. */
export async function lockGoldenIfAny(tx: Queryable, customerKey: string): Promise<LockedGolden | null> {
  const { rows } = await tx.query<{ version: number; sources: GoldenValues; linked: SyncedSystem[] | null }>(
    'SELECT version, sources, ARRAY(SELECT system FROM xref WHERE customer_key = $1) AS linked FROM golden_customers WHERE customer_key = $1 FOR UPDATE',
    [customerKey],
  );
  const row = rows[0];
  if (!row) return null;
  const linked = new Set(row.linked ?? []);
  return { version: Number(row.version), sources: row.sources, linked: SYNCED_SYSTEMS.filter((system) => linked.has(system)) };
}
