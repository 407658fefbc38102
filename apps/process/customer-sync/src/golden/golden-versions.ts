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

/**
 * Like {@link lockGolden}, null when there is no such golden record. The linked systems
 * are read by a second statement, after the lock is held: a single statement's
 * snapshot is taken before it waits for the lock, so it would miss a link another
 * feed committed meanwhile (at initial load four feeds link records to the same
 * person at once), and that system would never hear of this version.
 */
export async function lockGoldenIfAny(tx: Queryable, customerKey: string): Promise<LockedGolden | null> {
  const { rows } = await tx.query<{ version: number; sources: GoldenValues }>('SELECT version, sources FROM golden_customers WHERE customer_key = $1 FOR UPDATE', [customerKey]);
  const row = rows[0];
  if (!row) return null;
  const links = await tx.query<{ system: SyncedSystem }>('SELECT system FROM xref WHERE customer_key = $1', [customerKey]);
  const linked = new Set(links.rows.map((link) => link.system));
  return { version: Number(row.version), sources: row.sources, linked: SYNCED_SYSTEMS.filter((system) => linked.has(system)) };
}
