import type { AttemptFailure } from './error-mapping';

/**
 * The problem `type` a Strata app answers with when *its* upstream is unavailable
 * (service-kit maps `UpstreamUnavailableError` to it, with status 503 or 504; its
 * two-services e2e test holds the two libraries to the same value).
 */
export const UPSTREAM_UNAVAILABLE_PROBLEM_TYPE = 'urn:strata:problem:upstream-unavailable';

/**
 * True when the failed answer says the callee already dealt with its own upstream:
 * it retried within its budget, or its breaker is open, or it waited its deadline.
 * Retrying such an answer from here would repeat all of that once more per layer
 * (3 layers x 3 attempts = 27 calls at the failing backend), so retries happen at one
 * layer only: the one next to the failure.
 */
export function wasRetriedBelow(failure: AttemptFailure): boolean {
  if (failure.kind !== 'status') return false;
  const body = failure.detail.body;
  return typeof body === 'object' && body !== null && (body as { type?: unknown }).type === UPSTREAM_UNAVAILABLE_PROBLEM_TYPE;
}
