import type { ResolvedRetry } from './client-options';
import { AttemptFailure, parseRetryAfter } from './error-mapping';
import { wasRetriedBelow } from './retried-below';

/** Methods that never change state, so repeating them is always safe (RFC 9110 §9.2.1). */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Gateway statuses that say "this instance could not serve it now", not "your request is wrong". */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/** Connection failures worth another try: the socket broke or nobody was listening yet. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE']);

/**
 * A request may be repeated only when a repeat cannot do harm: safe methods, requests
 * carrying an `idempotency-key` (the provider deduplicates), and routes the contract
 * marks `idempotent` (upserts by external id).
 */
export function isRepeatable(method: string, headers: Record<string, string>, idempotent: boolean | undefined): boolean {
  return SAFE_METHODS.has(method.toUpperCase()) || idempotent === true || 'idempotency-key' in headers;
}

/**
 * Equal-jitter exponential backoff: half the step is fixed, half random. Delays grow
 * with every retry (each lies within [step/2, step]) while callers that failed
 * together spread out instead of retrying in lock-step.
 */
export function backoffDelay(retry: number, policy: ResolvedRetry, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return step / 2 + random() * (step / 2);
}

/** Where the call stands when an attempt failed. */
export interface RetryState {
  method: string;
  repeatable: boolean;
  /** Retries already made for this call. */
  retries: number;
  /** Time since the call began. */
  elapsedMs: number;
}

function waitFor(failure: AttemptFailure, state: RetryState, policy: ResolvedRetry, random: () => number): number | undefined {
  const backoff = backoffDelay(state.retries, policy, random);
  switch (failure.kind) {
    case 'connection':
      return RETRYABLE_CODES.has(failure.detail.code ?? '') ? backoff : undefined;
    case 'timeout':
      // A timed-out write may have been applied; only a safe method is repeated blindly.
      return SAFE_METHODS.has(state.method.toUpperCase()) ? backoff : undefined;
    case 'status': {
      const status = failure.detail.status ?? 0;
      const retryAfter = parseRetryAfter(failure.detail.headers?.['retry-after']);
      if (status === 429) return retryAfter === undefined ? undefined : retryAfter * 1000;
      if (!RETRYABLE_STATUSES.has(status) || wasRetriedBelow(failure)) return undefined;
      return retryAfter === undefined ? backoff : Math.max(backoff, retryAfter * 1000);
    }
    default:
      return undefined;
  }
}

/**
 * How long to wait before retrying a failed attempt, or undefined to give up: the
 * request must be repeatable, the failure transient and not already retried by the
 * callee ({@link wasRetriedBelow}), retries left, and the retry must start within `maxTotalMs`. The breaker and the budget are checked by the caller.
 */
export function retryDelay(
  failure: AttemptFailure,
  state: RetryState,
  policy: ResolvedRetry,
  random: () => number = Math.random,
): number | undefined {
  if (!state.repeatable || state.retries >= policy.maxRetries) return undefined;
  const delay = waitFor(failure, state, policy, random);
  if (delay === undefined || state.elapsedMs + delay > policy.maxTotalMs) return undefined;
  return delay;
}

const BUCKETS = 10;
const BUCKET_MS = 1000;

/**
 * Per-upstream retry budget over a sliding 10 s window (after Finagle's RetryBudget):
 * retries may be at most `ratio` of the requests seen, plus a small floor. When an
 * upstream is failing for everyone, most calls then fail once instead of 1 + maxRetries
 * times, so retries cannot multiply the load on a struggling service. No timers:
 * buckets roll forward lazily on use.
 */
export class RetryBudget {
  private readonly slots = new Array<number>(BUCKETS).fill(-1);
  private readonly requests = new Array<number>(BUCKETS).fill(0);
  private readonly retries = new Array<number>(BUCKETS).fill(0);

  constructor(
    private readonly ratio: number,
    private readonly minRetries: number,
  ) {}

  /** Counts one original request (not a retry). */
  recordRequest(now = Date.now()): void {
    this.requests[this.bucket(now)] += 1;
  }

  /** Takes one retry from the budget; false when the budget is spent. */
  tryWithdraw(now = Date.now()): boolean {
    const index = this.bucket(now);
    const { requests, retries } = this.totals(now);
    if (retries >= Math.max(this.minRetries, this.ratio * requests)) return false;
    this.retries[index] += 1;
    return true;
  }

  /** Requests and retries in the current window. */
  totals(now = Date.now()): { requests: number; retries: number } {
    const oldest = Math.floor(now / BUCKET_MS) - BUCKETS + 1;
    let requests = 0;
    let retries = 0;
    for (let i = 0; i < BUCKETS; i++) {
      if (this.slots[i] < oldest) continue;
      requests += this.requests[i];
      retries += this.retries[i];
    }
    return { requests, retries };
  }

  private bucket(now: number): number {
    const slot = Math.floor(now / BUCKET_MS);
    const index = slot % BUCKETS;
    if (this.slots[index] !== slot) {
      this.slots[index] = slot;
      this.requests[index] = 0;
      this.retries[index] = 0;
    }
    return index;
  }
}
