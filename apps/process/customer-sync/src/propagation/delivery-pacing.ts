import { UpstreamError, UpstreamUnavailableError } from '@strata/errors';
import type { Queryable } from '@strata/persistence';

/** Wait when a 429 names no Retry-After. */
const DEFAULT_PACE_MS = 5000;

/** 5xx answers that say "unavailable" (a gateway, or the backend behind a System API, is down), not "this request failed". */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/**
 * How long to hold a delivery the target asked us to slow down for (429 with
 * Retry-After, e.g. a Salesforce org whose daily API allowance is spent), or undefined
 * for any other failure. Such a refusal says nothing about the delivery: the target is
 * up and the write is fine, only its quota is spent, so it must not count as an attempt
 * or the whole backlog would end up in the dead letters while the quota recovers.
 * Never longer than `maxMs`, so a quota raised early is noticed soon. The wait is the
 * target's `Retry-After` header, which the http-client keeps on the error.
 */
export function pacedForMs(error: unknown, maxMs: number): number | undefined {
  if (!(error instanceof UpstreamError) || error.upstreamStatus !== 429) return undefined;
  const retryAfter = error.retryAfterSeconds;
  const wanted = retryAfter !== undefined && retryAfter > 0 ? retryAfter * 1000 : DEFAULT_PACE_MS;
  return Math.min(wanted, maxMs);
}

/**
 * True when the failure says the target is unavailable rather than that this delivery
 * is wrong: it could not be reached, did not answer in time, was too busy, or answered
 * 502/503/504 (the System API's "my backend is down"). A 500 or any 4xx is about the
 * request and stays an attempt. A breaker-open refusal is handled before this.
 */
export function isOutage(error: unknown): error is UpstreamUnavailableError {
  if (!(error instanceof UpstreamUnavailableError)) return false;
  if (error.reason === 'server-error') return error.upstreamStatus !== undefined && UNAVAILABLE_STATUSES.has(error.upstreamStatus);
  return error.reason !== 'breaker-open';
}

/** How long an outage holds a delivery: the target's Retry-After when it named one, else `fallbackMs`; never more than `maxMs`. */
export function outageWaitMs(error: UpstreamUnavailableError, fallbackMs: number, maxMs: number): number {
  const wanted = error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0 ? error.retryAfterSeconds * 1000 : fallbackMs;
  return Math.min(wanted, maxMs);
}

/** Puts a delivery off for `delayMs` without spending one of its attempts; the reason stays visible as its last error. */
export async function deferDelivery(db: Queryable, id: number, reason: string, delayMs: number): Promise<void> {
  await db.query(
    `UPDATE outbox SET last_error = $2, next_attempt_at = now() + ($3 || ' milliseconds')::interval, updated_at = now() WHERE id = $1 AND state = 'pending'`,
    [id, reason.slice(0, 500), String(delayMs)],
  );
}

/**
 * Why a delivery was not accepted, as the dispatcher handled it:
 * - `breaker-open`: not attempted, the target's breaker is open;
 * - `paced`: the target asked us to wait (429), no attempt spent;
 * - `outage`: unreachable, timed out, or 502/503/504;
 * - `stale`: 412, the record moved on since the version the delivery named;
 * - `rejected`: any other refusal (a 4xx about the data, a 500).
 */
export const FAILURE_KINDS = ['breaker-open', 'paced', 'outage', 'stale', 'rejected'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** Which {@link FailureKind} a failed delivery's error is. */
export function failureKind(error: unknown): FailureKind {
  if (error instanceof UpstreamUnavailableError && error.reason === 'breaker-open') return 'breaker-open';
  if (pacedForMs(error, Number.POSITIVE_INFINITY) !== undefined) return 'paced';
  if (isOutage(error)) return 'outage';
  if (error instanceof UpstreamError && error.upstreamStatus === 412) return 'stale';
  return 'rejected';
}
