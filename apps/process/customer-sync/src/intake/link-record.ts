import type { Queryable } from '@strata/persistence';
import { matchKeys } from '../matching/match-keys';
import type { SystemRecord } from './system-record';

/** How a record came to belong to a golden record (or why it waits for a person). */
export type LinkDecision =
  | {
      kind: 'linked';
      customerKey: string;
      rule: string;
      isNew: false;
      /** The record's version kept on an existing link. */
      recordVersion?: string | null;
      /** The golden version the record is known to hold at `recordVersion` (null when read from the system's own change). */
      recordVersionGolden?: number | null;
    }
  | { kind: 'new'; customerKey: string; rule: 'new-golden-record'; isNew: true }
  | { kind: 'review'; customerKey: string; rule: string };

/**
 * Finds the golden record a system record belongs to: an existing cross-reference, the
 * golden key it carries, then the match rules in order. A weak match becomes a review
 * instead of a merge; no match at all starts a new golden record. A golden record that
 * already holds a record of this system is never a candidate: one record per system.
 * Nor is one a person already said this record does not belong to (a rejected review).
 */
export async function linkRecord(tx: Queryable, record: SystemRecord): Promise<LinkDecision> {
  const existing = await tx.query<{ customer_key: string; record_version: string | null; record_version_golden: number | null }>(
    'SELECT customer_key, record_version, record_version_golden FROM xref WHERE system = $1 AND record_id = $2',
    [record.system, record.recordId],
  );
  const known = existing.rows[0];
  if (known) {
    const recordVersionGolden = known.record_version_golden === null ? null : Number(known.record_version_golden);
    return { kind: 'linked', customerKey: known.customer_key, rule: 'cross-reference', isNew: false, recordVersion: known.record_version, recordVersionGolden };
  }

  if (record.customerKey && (await isFreeFor(tx, record.customerKey, record.system))) {
    return link(tx, record, record.customerKey, 'golden-key');
  }
  for (const { rule, key } of matchKeys(record.match)) {
    const { rows } = await tx.query<{ customer_key: string }>(
      `SELECT m.customer_key FROM match_keys m
       WHERE m.key = $1 AND NOT EXISTS (SELECT 1 FROM xref x WHERE x.customer_key = m.customer_key AND x.system = $2)
         AND NOT EXISTS (SELECT 1 FROM match_reviews r WHERE r.system = $2 AND r.record_id = $3 AND r.customer_key = m.customer_key AND r.status = 'rejected')
       ORDER BY m.customer_key LIMIT 2`,
      [key, record.system, record.recordId],
    );
    const [first, second] = rows;
    if (!first) continue;
    if (rule.strength === 'link' && !second) return link(tx, record, first.customer_key, rule.name);
    return { kind: 'review', customerKey: first.customer_key, rule: second ? `${rule.name}-ambiguous` : rule.name };
  }
  const customerKey = record.customerKey && !(await goldenExists(tx, record.customerKey)) ? record.customerKey : await allocateKey(tx);
  await tx.query('INSERT INTO golden_customers (customer_key, version, sources) VALUES ($1, 0, $2::jsonb)', [customerKey, '{}']);
  await insertXref(tx, record, customerKey, 'new-golden-record');
  return { kind: 'new', customerKey, rule: 'new-golden-record', isNew: true };
}

async function link(tx: Queryable, record: SystemRecord, customerKey: string, rule: string): Promise<LinkDecision> {
  await insertXref(tx, record, customerKey, rule);
  return { kind: 'linked', customerKey, rule, isNew: false };
}

async function insertXref(tx: Queryable, record: SystemRecord, customerKey: string, rule: string): Promise<void> {
  await tx.query('INSERT INTO xref (system, record_id, customer_key, rule) VALUES ($1, $2, $3, $4)', [record.system, record.recordId, customerKey, rule]);
}

async function goldenExists(tx: Queryable, customerKey: string): Promise<boolean> {
  return (await tx.query('SELECT 1 FROM golden_customers WHERE customer_key = $1', [customerKey])).rowCount > 0;
}

/** The golden record exists and has no record of this system yet. */
async function isFreeFor(tx: Queryable, customerKey: string, system: string): Promise<boolean> {
  const { rows } = await tx.query<{ taken: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM xref WHERE customer_key = $1 AND system = $2) AS taken FROM golden_customers WHERE customer_key = $1',
    [customerKey, system],
  );
  return rows[0] !== undefined && !rows[0].taken;
}

async function allocateKey(tx: Queryable): Promise<string> {
  const { rows } = await tx.query<{ n: string }>("SELECT nextval('golden_key_seq') AS n");
  return `CK-${String(rows[0]?.n).padStart(6, '0')}`;
}

/** Indexes a linked record's match keys under its golden record, so later records can find it. */
export async function indexMatchKeys(tx: Queryable, record: SystemRecord, customerKey: string): Promise<void> {
  const keys = matchKeys(record.match).map(({ key }) => key);
  if (keys.length === 0) return;
  await tx.query('INSERT INTO match_keys (key, customer_key) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING', [keys, customerKey]);
}
