import type { CanonicalCustomer, GoldenField, SyncedSystem } from '@strata/contracts-process-customer-sync';
import type { Database } from '@strata/persistence';
import { loadCanonicalCustomer } from '../golden/canonical-customer';
import { applyRecord, type IntakePolicy } from '../intake/apply-record';
import { differencesOf } from '../golden/field-equivalence';
import type { SystemSnapshot } from './system-snapshot';

/** One system's line in a reconciliation report. */
export interface SystemTally {
  system: SyncedSystem;
  records: number;
  linked: number;
  inSync: number;
  mismatched: number;
  missing: number;
  unlinked: number;
  repairsQueued: number;
}

export interface Mismatch {
  customerKey: string;
  system: SyncedSystem;
  field: GoldenField;
  golden: unknown;
  actual: unknown;
}

export interface ReconciliationResult {
  goldenRecords: number;
  systems: SystemTally[];
  mismatches: Mismatch[];
}

/** At most this many mismatches are listed in a report (all are counted). */
const MISMATCH_LIST_LIMIT = 500;

/**
 * Compares every record of every system with its golden record. A linked record that
 * disagrees on any field is a mismatch; a golden record linked to a record the system
 * no longer has is missing; a record linked to nothing is unlinked. With `repair`, a
 * mismatched system gets the golden record queued (an outbox row, delivered like any
 * change) and an unlinked record goes through intake (matching, review or a new golden
 * record); nothing is written directly from here.
 */
export async function reconcile(db: Database, snapshots: SystemSnapshot[], options: { repair: boolean; policy: IntakePolicy }): Promise<ReconciliationResult> {
  const goldenRecords = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM golden_customers WHERE version > 0')).rows[0]?.n ?? 0);
  const mismatches: Mismatch[] = [];
  const systems: SystemTally[] = [];
  for (const snapshot of snapshots) {
    systems.push(await reconcileSystem(db, snapshot, options, mismatches));
  }
  return { goldenRecords, systems, mismatches: mismatches.slice(0, MISMATCH_LIST_LIMIT) };
}

async function reconcileSystem(db: Database, snapshot: SystemSnapshot, options: { repair: boolean; policy: IntakePolicy }, mismatches: Mismatch[]): Promise<SystemTally> {
  const tally: SystemTally = { system: snapshot.system, records: 0, linked: 0, inSync: 0, mismatched: 0, missing: 0, unlinked: 0, repairsQueued: 0 };
  const seen = new Set<string>();
  for await (const record of snapshot.records()) {
    tally.records += 1;
    seen.add(record.recordId);
    const link = await db.query<{ customer_key: string }>('SELECT customer_key FROM xref WHERE system = $1 AND record_id = $2', [snapshot.system, record.recordId]);
    const customerKey = link.rows[0]?.customer_key;
    if (!customerKey) {
      tally.unlinked += 1;
      if (options.repair) {
        await db.transaction((tx) => applyRecord(tx, record, options.policy));
        tally.repairsQueued += 1;
      }
      continue;
    }
    tally.linked += 1;
    const golden = await loadCanonicalCustomer(db, customerKey);
    const differences = golden ? differencesOf(golden, record.values) : [];
    if (differences.length === 0) {
      tally.inSync += 1;
      continue;
    }
    tally.mismatched += 1;
    for (const field of differences) mismatches.push({ customerKey, system: snapshot.system, field, golden: golden?.[fieldKey(field)], actual: record.values[field] });
    if (options.repair && golden) {
      await db.query('INSERT INTO outbox (target, customer_key, version) VALUES ($1, $2, $3)', [snapshot.system, customerKey, golden.version]);
      tally.repairsQueued += 1;
    }
  }
  const linked = await db.query<{ record_id: string }>('SELECT record_id FROM xref WHERE system = $1', [snapshot.system]);
  tally.missing = linked.rows.filter((row) => !seen.has(row.record_id)).length;
  return tally;
}

const fieldKey = (field: GoldenField): keyof CanonicalCustomer => field;
