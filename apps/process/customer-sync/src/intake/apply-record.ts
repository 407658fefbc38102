import type { GoldenField } from '@strata/contracts-process-customer-sync';
import type { Queryable } from '@strata/persistence';
import { applyCandidate, type GoldenValues, type SurvivorshipOutcome } from '../golden/survivorship';
import type { SurvivorshipRules } from '../golden/survivorship.rules';
import { linkedSystems, lockGolden, writeVersion } from '../golden/golden-versions';
import { adoptEchoVersion } from './echo-version';
import { indexMatchKeys, linkRecord } from './link-record';
import type { DeleteAction, IntakeResult, SystemRecord } from './system-record';

/** The data-driven parts of intake: survivorship and what deletes do. */
export interface IntakePolicy {
  rules: SurvivorshipRules;
  deleteAction: DeleteAction;
}

/**
 * Applies one system record inside the caller's transaction (the one that also moves
 * the source feed's cursor): link or match it, decide each field by survivorship, and
 * when the golden record changes, write the new version, its history and one outbox
 * row per system that must hear about it. A record that only repeats the golden values
 * (our own write coming back) changes nothing and queues nothing: no ping-pong.
 */
export async function applyRecord(tx: Queryable, record: SystemRecord, policy: IntakePolicy): Promise<IntakeResult> {
  if (record.deleted) return applyDelete(tx, record, policy.deleteAction);
  const rules = policy.rules;
  const decision = await linkRecord(tx, record);
  if (decision.kind === 'review') {
    const reviewId = await openReview(tx, record, decision.customerKey, decision.rule);
    return { outcome: 'review', customerKey: decision.customerKey, reviewId };
  }
  const { customerKey } = decision;
  // An echo carries the golden values back: their keys were indexed when they came in.
  if (!record.echo || decision.isNew) await indexMatchKeys(tx, record, customerKey);
  if (record.version != null && !record.echo) await rememberVersion(tx, record, record.version);

  // Our own write coming back carries an older golden version's values stamped with a
  // newer time: it must never win a "most recent" contest against what came after it.
  if (record.echo && !decision.isNew) {
    const differingFields = await adoptEchoVersion(tx, record, customerKey, decision);
    if (differingFields.length === 0) return { outcome: 'unchanged', customerKey };
    return { outcome: 'unchanged', customerKey, echoNotAdopted: { system: record.system, recordId: record.recordId, differingFields } };
  }
  const golden = await lockGolden(tx, customerKey);
  const outcome = applyCandidate(golden.sources, { system: record.system, at: record.at, values: record.values }, rules);
  const linked = await linkedSystems(tx, customerKey);
  // The origin hears back only when one of its values lost, or when it was just linked
  // to a golden record that already had values it lacks.
  const originDiffers = !record.echo && (outcome.rejected.length > 0 || (decision.rule !== 'cross-reference' && hasValuesBeyond(outcome.values, record)));
  const othersNeedIt = outcome.changes.length > 0;
  const targets = linked.filter((system) => (system === record.system ? originDiffers : othersNeedIt));
  if (outcome.changes.length === 0 && !decision.isNew && !originDiffers) return { outcome: 'unchanged', customerKey };

  const version = await writeVersion(tx, customerKey, golden.version + 1, record.system, outcome, targets);
  return { outcome: 'applied', customerKey, version, changedFields: outcome.changes.map((c) => c.field), targets };
}

/**
 * A record deleted in its system. Its link is kept (the record may come back, and
 * reconciliation must see it is gone); with `deactivate` the golden status becomes
 * inactive whatever the survivorship rules say, and every other linked system hears it.
 */
async function applyDelete(tx: Queryable, record: SystemRecord, action: DeleteAction): Promise<IntakeResult> {
  const linked = await tx.query<{ customer_key: string }>('SELECT customer_key FROM xref WHERE system = $1 AND record_id = $2', [record.system, record.recordId]);
  const customerKey = linked.rows[0]?.customer_key;
  if (!customerKey || action === 'ignore') return { outcome: 'unchanged', customerKey: customerKey ?? null };
  const golden = await lockGolden(tx, customerKey);
  const current = golden.sources.status;
  if (current?.value === 'inactive' || current?.value === 'deceased') return { outcome: 'unchanged', customerKey };
  const to = { value: 'inactive', system: record.system, at: record.at, rule: 'delete-action:deactivate' };
  const outcome: SurvivorshipOutcome = { values: { ...golden.sources, status: to }, changes: [{ field: 'status', from: current?.value ?? null, to }], rejected: [] };
  const targets = (await linkedSystems(tx, customerKey)).filter((system) => system !== record.system);
  const version = await writeVersion(tx, customerKey, golden.version + 1, record.system, outcome, targets);
  return { outcome: 'applied', customerKey, version, changedFields: ['status'], targets };
}

/** A version read from the system's own change: the latest it has, holding no golden version we know of. */
async function rememberVersion(tx: Queryable, record: SystemRecord, version: string): Promise<void> {
  await tx.query('UPDATE xref SET record_version = $3, record_version_golden = NULL WHERE system = $1 AND record_id = $2', [record.system, record.recordId, version]);
}

/** Whether the golden record holds a field the newly linked record has no value for. */
function hasValuesBeyond(values: GoldenValues, record: SystemRecord): boolean {
  return (Object.keys(values) as GoldenField[]).some((field) => {
    const own = record.values[field];
    return values[field]?.system !== record.system && (own === undefined || own === null || own === '');
  });
}

async function openReview(tx: Queryable, record: SystemRecord, customerKey: string, rule: string): Promise<number> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO match_reviews (system, record_id, data, customer_key, rule) VALUES ($1, $2, $3::jsonb, $4, $5)
     ON CONFLICT (system, record_id, customer_key) WHERE status = 'open' DO UPDATE SET data = EXCLUDED.data
     RETURNING id`,
    [record.system, record.recordId, JSON.stringify({ values: record.values, match: record.match, at: record.at }), customerKey, rule],
  );
  return Number(rows[0]?.id);
}
