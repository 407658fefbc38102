import { UpstreamError } from '@strata/errors';
import type { Queryable } from '@strata/persistence';

/** Wait when a 429 names no Retry-After. */
const DEFAULT_PACE_MS = 5000;

/**
 * How long to hold a delivery the target asked us to slow down for (429 with
 * Retry-After, e.g. a Salesforce org whose daily API allowance is spent), or undefined
 * for any other failure. Such a refusal says nothing about the delivery: the target is
 * up and the write is fine, only its quota is spent, so it must not count as an attempt
 * or the whole backlog would end up in the dead letters while the quota recovers.
 * Never longer than `maxMs`, so a quota raised early is noticed soon.
 */
export function pacedForMs(error: unknown, maxMs: number): number | undefined {
  if (!(error instanceof UpstreamError) || error.upstreamStatus !== 429) return undefined;
  const retryAfter = (error.upstreamBody as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  const wanted = typeof retryAfter === 'number' && retryAfter > 0 ? retryAfter * 1000 : DEFAULT_PACE_MS;
  return Math.min(wanted, maxMs);
}

/** Puts a delivery off for `delayMs` without spending one of its attempts; the reason stays visible as its last error. */
export async function deferDelivery(db: Queryable, id: number, reason: string, delayMs: number): Promise<void> {
  await db.query(
    `UPDATE outbox SET last_error = $2, next_attempt_at = now() + ($3 || ' milliseconds')::interval, updated_at = now() WHERE id = $1 AND state = 'pending'`,
    [id, reason.slice(0, 500), String(delayMs)],
  );
}
