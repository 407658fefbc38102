import { UpstreamError, UpstreamUnavailableError } from '@strata/errors';
import { isAxiosError } from 'axios';

/**
 * What went wrong with one attempt, before it becomes a public error. `status` is a
 * response the caller does not accept; `local` is an error thrown by our own or the
 * caller's code (an interceptor), which is neither the upstream's fault nor an axios error.
 */
export type FailureKind = 'timeout' | 'connection' | 'status' | 'breaker-open' | 'bulkhead-full' | 'local';

/** Facts about a failed attempt that the retry policy and the error mapping read. */
export interface FailureDetail {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Socket error code (`ECONNRESET`, `ECONNREFUSED`) for connection failures. */
  code?: string;
  cause?: unknown;
}

/**
 * The internal error an attempt rejects with. The breaker sees it (its `errorFilter`
 * reads `kind` and `status`), the retry policy classifies it, and {@link toPublicError}
 * turns it into the typed error callers see, so no axios error ever leaves the client.
 */
export class AttemptFailure extends Error {
  readonly kind: FailureKind;
  readonly detail: FailureDetail;

  constructor(kind: FailureKind, message: string, detail: FailureDetail = {}) {
    super(message);
    this.name = 'AttemptFailure';
    this.kind = kind;
    this.detail = detail;
  }
}

/**
 * axios codes for requests that were never sent because of how they were built (bad
 * URL, an option the transport refuses). They say nothing about the upstream's health.
 */
export const CONFIGURATION_CODES: ReadonlySet<string> = new Set([
  'ERR_BAD_OPTION_VALUE',
  'ERR_BAD_OPTION',
  'ERR_INVALID_URL',
  'ERR_NOT_SUPPORT',
  'ERR_DEPRECATED',
  'ERR_FORM_DATA_DEPTH_EXCEEDED',
]);

/** Turns whatever the transport threw into an {@link AttemptFailure}. */
export function classifyError(error: unknown, timedOut: boolean, timeoutMs: number): AttemptFailure {
  if (error instanceof AttemptFailure) return error;
  if (timedOut) return new AttemptFailure('timeout', `no answer within ${timeoutMs} ms`);
  if (isAxiosError(error)) {
    const code = error.code ?? 'ERR_NETWORK';
    // A plain copy: the axios error holds the request config, authorization header included.
    const cause = Object.assign(new Error(error.message), { code });
    if (CONFIGURATION_CODES.has(code)) return new AttemptFailure('local', `request not sent: ${error.message}`, { code, cause });
    return new AttemptFailure('connection', `connection failed: ${code}`, { code, cause });
  }
  return new AttemptFailure('local', error instanceof Error ? error.message : String(error), { cause: error });
}

/** True for failures that say nothing about the upstream's health: 4xx answers and local errors. */
export function isHealthyFailure(error: unknown): boolean {
  if (!(error instanceof AttemptFailure)) return false;
  if (error.kind === 'local') return true;
  return error.kind === 'status' && (error.detail.status ?? 500) < 500;
}

/**
 * Seconds from a `Retry-After` header (delta-seconds or HTTP date), or undefined when
 * absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function describeBody(body: unknown): string {
  if (body && typeof body === 'object') {
    const problem = body as { title?: unknown; detail?: unknown };
    const text = [problem.title, problem.detail].filter((part) => typeof part === 'string').join(': ');
    if (text) return ` (${text})`;
  }
  return '';
}

/** What the mapping needs to know about the client that failed. */
export interface MappingContext {
  upstream: string;
  /** Seconds until an open breaker lets a probe through (at least 1). */
  breakerRetryAfterSeconds: () => number;
}

/**
 * The one place where failures become public errors: unavailable conditions become
 * `UpstreamUnavailableError` (retry later), answers the caller must act on become
 * `UpstreamError` with the upstream's status and problem body. Local errors pass unchanged.
 */
export function toPublicError(failure: AttemptFailure, context: MappingContext): Error {
  const { upstream } = context;
  const { detail } = failure;
  switch (failure.kind) {
    case 'breaker-open':
      return new UpstreamUnavailableError(`${upstream}: breaker open, not calling`, {
        upstream,
        reason: 'breaker-open',
        retryAfterSeconds: context.breakerRetryAfterSeconds(),
      });
    case 'bulkhead-full':
      return new UpstreamUnavailableError(`${upstream}: too many concurrent calls`, { upstream, reason: 'bulkhead-full', retryAfterSeconds: 1 });
    case 'timeout':
      return new UpstreamUnavailableError(`${upstream}: ${failure.message}`, { upstream, reason: 'timeout' });
    case 'connection':
      return new UpstreamUnavailableError(`${upstream}: ${failure.message}`, { upstream, reason: 'connection', cause: detail.cause });
    case 'local':
      return detail.cause instanceof Error ? detail.cause : failure;
    case 'status': {
      const status = detail.status ?? 0;
      const retryAfterSeconds = parseRetryAfter(detail.headers?.['retry-after']);
      if (status >= 500) {
        return new UpstreamUnavailableError(`${upstream} answered ${status}${describeBody(detail.body)}`, {
          upstream,
          reason: 'server-error',
          retryAfterSeconds,
          upstreamStatus: status,
        });
      }
      return new UpstreamError(`${upstream} answered ${status}${describeBody(detail.body)}`, { upstream, status, body: detail.body, retryAfterSeconds });
    }
  }
}

/**
 * The error a call rejects with when the upstream answers `status` with `body`, for
 * answers that carry one status per item (a batch route): each failed item then becomes
 * the very error its single call would have raised, so a caller's handling of 412s,
 * 429s and outages needs no second copy. The item's `retryAfterSeconds` stands in for
 * the Retry-After header it cannot have.
 */
export function errorForAnswer(upstream: string, status: number, body: unknown): Error {
  const retryAfter = (body as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  const headers: Record<string, string> = typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : {};
  return toPublicError(new AttemptFailure('status', `answered ${status}`, { status, body, headers }), { upstream, breakerRetryAfterSeconds: () => 1 });
}
