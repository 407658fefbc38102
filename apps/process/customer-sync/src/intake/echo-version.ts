import type { GoldenField } from '@strata/contracts-process-customer-sync';
import type { Database, Queryable } from '@strata/persistence';
import { sameValue } from '../golden/field-equivalence';
import { plainValues } from '../golden/golden-versions';
import { isBlank, type GoldenValues } from '../golden/survivorship';
import type { SystemRecord } from './system-record';

/** Golden versions an echo is compared with, newest first: far more than can be in flight to one record at once. */
const VERSIONS_COMPARED = 20;

/** What the link knows about its record's version before the echo. */
export interface KnownRecordVersion {
  recordVersion?: string | null;
  /** The golden version the record holds at `recordVersion`; null when that version was read from the system's own change. */
  recordVersionGolden?: number | null;
}

/**
 * Takes an echo's version onto its link when the echo is our write and nothing else,
 * and is newer than what the link knows. Usually the write's own answer already put the
 * version there. When that answer was lost (a timeout after the system applied the
 * write, a connection reset mid-response), the echo is the only way to learn it:
 * without it every later delivery names a stale version, is refused with 412 and ends
 * in the dead letters.
 *
 * "Our write and nothing else": the echo holds exactly the values of a golden version
 * (each field blank or the same by {@link sameValue}). Any version customer-sync wrote
 * qualifies, not only the current one: the golden record often moves on while a lost
 * write's echo is on its way. In systems whose feed reads the record when it reports a
 * change (Salesforce), an echo may carry someone else's later edit; it then matches no
 * version and is not taken, so the next delivery cannot overwrite that edit unseen.
 *
 * "Newer": the matched golden version must be later than the one the link's version is
 * known to hold. A late echo of an earlier write, read after a later write's answer
 * was recorded, would otherwise put the link back on a superseded version.
 *
 * When it is taken, deliveries to this record waiting out a retry delay are due again
 * at once, as their refusal (412) may be what this repairs. When an echo newer than
 * the link is not taken, resolves with the fields in which it differs from the newest
 * golden version (names only), for the log: deliveries to that record will be refused
 * until intake reads the record's next change, and an operator must be able to see why.
 */
export async function adoptEchoVersion(tx: Queryable, record: SystemRecord, customerKey: string, known: KnownRecordVersion): Promise<GoldenField[]> {
  if (record.version == null || record.version === known.recordVersion) return [];
  const since = known.recordVersionGolden ?? 0;
  const recent = await recentGoldenVersions(tx, customerKey);
  const newer = recent.filter((golden) => golden.version > since);
  const matched = newer.find((golden) => holdsOnly(record, golden.values));
  if (!matched) {
    // Nothing newer than the link holds, or a late echo of an earlier write (it holds an older version): rightly ignored.
    if (newer.length === 0 || recent.some((golden) => holdsOnly(record, golden.values))) return [];
    return differingFields(record, (newer[0] as GoldenVersionValues).values);
  }
  await takeVersion(tx, record, matched.version);
  await tx.query(
    `UPDATE outbox SET next_attempt_at = now(), updated_at = now()
     WHERE target = $1 AND customer_key = $2 AND state = 'pending' AND attempts > 0 AND next_attempt_at > now()`,
    [record.system, customerKey],
  );
  return [];
}

/**
 * Takes the version of a record read live when it holds only the values of a recent
 * golden version: then nothing but our own writes changed it, and a delivery refused as
 * stale (412) was refused only because the answer of an earlier write of ours was lost
 * (a crash, a timeout) and its echo has not come through the feed yet. A live read is
 * the record's current state, so unlike an echo it cannot be a late one. `namedVersion`
 * is the version the refused delivery named: when intake moved the link on meanwhile,
 * its knowledge wins and nothing is taken. Resolves true when the version was taken.
 */
export async function adoptLiveVersion(db: Database, record: SystemRecord, customerKey: string, namedVersion: string | null): Promise<boolean> {
  if (record.version == null || record.version === namedVersion) return false;
  return db.transaction(async (tx) => {
    const matched = (await recentGoldenVersions(tx, customerKey)).find((golden) => holdsOnly(record, golden.values));
    return matched !== undefined && (await takeVersion(tx, record, matched.version, { whileLinkNames: namedVersion }));
  });
}

/**
 * Puts the record's version on its link as holding golden version `goldenVersion`; with
 * `whileLinkNames`, only if the link still names that version. Resolves whether it did.
 */
async function takeVersion(tx: Queryable, record: SystemRecord, goldenVersion: number, condition?: { whileLinkNames: string | null }): Promise<boolean> {
  const updated = await tx.query(
    `UPDATE xref SET record_version = $3, record_version_golden = $4
     WHERE system = $1 AND record_id = $2 AND (NOT $6 OR record_version IS NOT DISTINCT FROM $5)`,
    [record.system, record.recordId, record.version, goldenVersion, condition?.whileLinkNames ?? null, condition !== undefined],
  );
  return updated.rowCount > 0;
}

interface GoldenVersionValues {
  version: number;
  values: Partial<Record<GoldenField, unknown>>;
}

/**
 * What the latest golden versions held ({@link VERSIONS_COMPARED} of them), newest
 * first; the current one from the golden record itself, so versions from before their
 * history kept values still count.
 */
async function recentGoldenVersions(tx: Queryable, customerKey: string): Promise<GoldenVersionValues[]> {
  const current = await tx.query<{ version: number; sources: GoldenValues }>('SELECT version, sources FROM golden_customers WHERE customer_key = $1', [customerKey]);
  const golden = current.rows[0];
  if (!golden) return [];
  const history = await tx.query<{ version: number; values_after: Partial<Record<GoldenField, unknown>> }>(
    `SELECT version, values_after FROM golden_history
     WHERE customer_key = $1 AND version < $2 AND values_after IS NOT NULL ORDER BY version DESC LIMIT $3`,
    [customerKey, Number(golden.version), VERSIONS_COMPARED],
  );
  return [{ version: Number(golden.version), values: plainValues(golden.sources) }, ...history.rows.map((row) => ({ version: Number(row.version), values: row.values_after }))];
}

/** Every value the record carries is blank or the same as this golden version's. */
function holdsOnly(record: SystemRecord, values: Partial<Record<GoldenField, unknown>>): boolean {
  return differingFields(record, values).length === 0;
}

/** The fields whose echoed value is neither blank nor the same as this golden version's: none when the echo holds only that version. */
function differingFields(record: SystemRecord, values: Partial<Record<GoldenField, unknown>>): GoldenField[] {
  return (Object.entries(record.values) as [GoldenField, unknown][])
    .filter(([field, value]) => !(value === null || value === undefined || isBlank(value) || (values[field] !== undefined && values[field] !== null && sameValue(field, values[field], value))))
    .map(([field]) => field);
}
