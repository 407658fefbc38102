import { encodeCursor } from '@strata/contract-kit';
import { ConflictError, NotFoundError } from '@strata/errors';
import type { Database, Queryable } from '@strata/persistence';
import { applyRecord, type IntakePolicy } from '../intake/apply-record';
import { indexMatchKeys } from '../intake/link-record';
import { reviewScore } from '../matching/match-keys';
import type { SystemRecord } from '../intake/system-record';
import { cursorValue } from './customer-queries';

interface ReviewRow {
  id: string;
  status: 'open' | 'accepted' | 'rejected';
  system: SystemRecord['system'];
  record_id: string;
  data: { values: SystemRecord['values']; match: SystemRecord['match']; at: number };
  customer_key: string;
  rule: string;
  created_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
}

function toReview(row: ReviewRow) {
  return {
    id: String(row.id),
    status: row.status,
    candidate: { system: row.system, id: row.record_id, data: { ...row.data.values } as Record<string, unknown> },
    customerKey: row.customer_key,
    rule: row.rule,
    score: reviewScore(row.rule),
    createdAt: new Date(row.created_at).toISOString(),
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    decidedBy: row.decided_by ?? null,
  };
}

export async function listReviews(db: Database, query: { status: string; after?: string; limit: number }) {
  const after = Number(cursorValue(query.after, 'id') ?? 0);
  const { rows } = await db.query<ReviewRow>('SELECT * FROM match_reviews WHERE status = $1 AND id > $2 ORDER BY id LIMIT $3', [query.status, after, query.limit + 1]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toReview), nextCursor: rows.length > query.limit && last ? encodeCursor({ id: Number(last.id) }) : null };
}

/**
 * A person's decision on a weak match. Accept links the record to the golden record
 * and runs survivorship on its values; reject remembers the pair (it is never proposed
 * again) and lets the record start a golden record of its own. Both in one transaction.
 * `decidedBy` names the person (a staff id from the Experience API's token), kept with the decision.
 */
export async function decideReview(db: Database, id: string, decision: 'accept' | 'reject', policy: IntakePolicy, decidedBy: string | null = null) {
  const row = await db.transaction(async (tx) => {
    const review = await lockOpenReview(tx, id);
    await tx.query('UPDATE match_reviews SET status = $2, decided_at = now(), decided_by = $3 WHERE id = $1', [id, decision === 'accept' ? 'accepted' : 'rejected', decidedBy]);
    const record: SystemRecord = { system: review.system, recordId: review.record_id, customerKey: null, at: review.data.at, values: review.data.values, match: review.data.match };
    if (decision === 'accept') {
      const taken = await tx.query('SELECT 1 FROM xref WHERE (system = $1 AND record_id = $2) OR (system = $1 AND customer_key = $3)', [review.system, review.record_id, review.customer_key]);
      if (taken.rowCount > 0) throw new ConflictError(`Review ${id} can no longer be accepted: the record or the golden record is already linked in ${review.system}`);
      await tx.query("INSERT INTO xref (system, record_id, customer_key, rule) VALUES ($1, $2, $3, 'review')", [review.system, review.record_id, review.customer_key]);
      await indexMatchKeys(tx, record, review.customer_key);
    }
    await applyRecord(tx, record, policy);
    return (await tx.query<ReviewRow>('SELECT * FROM match_reviews WHERE id = $1', [id])).rows[0];
  });
  if (!row) throw new NotFoundError(`No review ${id}`);
  return toReview(row);
}

async function lockOpenReview(tx: Queryable, id: string): Promise<ReviewRow> {
  if (!/^\d+$/.test(id)) throw new NotFoundError(`No review ${id}`);
  const { rows } = await tx.query<ReviewRow>('SELECT * FROM match_reviews WHERE id = $1 FOR UPDATE', [id]);
  const review = rows[0];
  if (!review) throw new NotFoundError(`No review ${id}`);
  if (review.status !== 'open') throw new ConflictError(`Review ${id} was already ${review.status}`);
  return review;
}
