import { retryOnConflict, type Queryable } from '@strata/persistence';

/** The head of one customer's queue for one target: only it may be delivered now. */
export interface DueDelivery {
  id: number;
  customerKey: string;
  version: number;
  attempts: number;
}

/**
 * The deliveries due for a target: per customer only the oldest pending row (delivery is
 * in order per customer per target), and only once its retry time has come. Different
 * customers are independent and may be delivered side by side.
 */
export async function dueDeliveries(db: Queryable, target: string, limit: number): Promise<DueDelivery[]> {
  const { rows } = await db.query<{ id: string; customer_key: string; version: number; attempts: number }>(
    `SELECT id, customer_key, version, attempts FROM (
       SELECT DISTINCT ON (customer_key) id, customer_key, version, attempts, next_attempt_at
       FROM outbox WHERE target = $1 AND state = 'pending' ORDER BY customer_key, id
     ) heads WHERE next_attempt_at <= now() ORDER BY id LIMIT $2`,
    [target, limit],
  );
  return rows.map((row) => ({ id: Number(row.id), customerKey: row.customer_key, version: Number(row.version), attempts: Number(row.attempts) }));
}

/** A delivery done: the customer, the golden version written, and the target record's version after the write (when it keeps one). */
export interface DeliveredWrite {
  customerKey: string;
  version: number;
  /** `versionBefore`: the record version the write named (its If-Match), null when it named none. */
  written?: { recordId: string; recordVersion: string; versionBefore: string | null };
}

/**
 * Marks delivered every pending row of each customer up to the version just written:
 * the golden record's current state covers all earlier versions, so they need no
 * delivery of their own. `written` is the target record's version after the write,
 * kept on the link for the next delivery's If-Match, unless the link moved on while the
 * write was on its way: intake may have read someone else's edit made just after our
 * write (a newer version, which the write's answer must not put back: every later
 * delivery would then name a superseded version, be refused with 412 and, with no
 * further change to heal it, end in the dead letters), or already adopted this write's
 * echo. A write that named no version keeps the old rule (its answer is taken), as
 * there is nothing to compare with. One statement for a whole batch (customers are
 * distinct within one: only a customer's oldest row is ever due).
 */
export async function markDelivered(db: Queryable, target: string, delivered: readonly DeliveredWrite[]): Promise<void> {
  if (delivered.length === 0) return;
  // Intake pages lock links in page order while this statement updates them in its own:
  // PostgreSQL may abort it as a deadlock victim. Failing would lose what the writes
  // answered (their record versions), so it runs again: one statement, safe to repeat.
  await retryOnConflict(() => recordDelivered(db, target, delivered));
}

function recordDelivered(db: Queryable, target: string, delivered: readonly DeliveredWrite[]) {
  return db.query(
    `WITH batch AS (
       SELECT * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[]) AS b(customer_key, version, record_id, record_version, version_before)
     ), done AS (
       UPDATE outbox o SET state = 'delivered', updated_at = now() FROM batch b
       WHERE o.target = $1 AND o.customer_key = b.customer_key AND o.state = 'pending' AND o.version <= b.version
     ), linked AS (
       UPDATE xref x SET record_version = b.record_version, record_version_golden = b.version FROM batch b
       WHERE b.record_id IS NOT NULL AND x.system = $1 AND x.record_id = b.record_id
         AND (b.version_before IS NULL OR x.record_version IS NOT DISTINCT FROM b.version_before)
     )
     INSERT INTO deliveries (target, customer_key, delivered_version) SELECT $1, customer_key, version FROM batch
     ON CONFLICT (target, customer_key) DO UPDATE SET delivered_version = GREATEST(deliveries.delivered_version, EXCLUDED.delivered_version), updated_at = now()`,
    [
      target,
      delivered.map((d) => d.customerKey),
      delivered.map((d) => d.version),
      delivered.map((d) => d.written?.recordId ?? null),
      delivered.map((d) => d.written?.recordVersion ?? null),
      delivered.map((d) => d.written?.versionBefore ?? null),
    ],
  );
}

/** Records a failed attempt; the row goes to the dead letters once `dead` is true. */
export async function markFailed(db: Queryable, id: number, error: string, retryInMs: number, dead: boolean): Promise<void> {
  await db.query(
    `UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + ($3 || ' milliseconds')::interval,
       state = CASE WHEN $4 THEN 'dead' ELSE state END, updated_at = now() WHERE id = $1`,
    [id, error.slice(0, 500), String(retryInMs), dead],
  );
}

/** Puts a dead letter back in the queue with fresh attempts; false when there is no such dead letter. */
export async function replayDeadLetter(db: Queryable, id: number): Promise<boolean> {
  const result = await db.query(`UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now() WHERE id = $1 AND state = 'dead'`, [id]);
  return result.rowCount > 0;
}
