import { StrataError } from './strata-error';

/**
 * An upstream answered with an error of its own (usually a 4xx problem+json). The
 * upstream's status and body are kept so the caller can act on them, or pass the
 * problem on to its own consumer unchanged.
 */
export class UpstreamError extends StrataError {
  readonly upstream: string;
  readonly upstreamStatus: number;
  readonly upstreamBody: unknown;
  /** The upstream's `Retry-After` in seconds, when it sent one (a 429 says when its quota is back). */
  readonly retryAfterSeconds?: number;

  constructor(
    message: string,
    options: { upstream: string; status: number; body?: unknown; retryAfterSeconds?: number; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.upstream = options.upstream;
    this.upstreamStatus = options.status;
    this.upstreamBody = options.body;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Why an upstream could not be used: each maps to a breaker or transport condition. */
export type UnavailableReason = 'breaker-open' | 'timeout' | 'connection' | 'server-error' | 'bulkhead-full';

/**
 * An upstream is down, hanging, or protected by an open breaker. Callers should retry
 * later, never immediately: `retryAfterSeconds` says when a retry may succeed.
 */
export class UpstreamUnavailableError extends StrataError {
  readonly upstream: string;
  readonly reason: UnavailableReason;
  readonly retryAfterSeconds?: number;
  /**
   * For `server-error`: the status the upstream answered. A 502/503/504 says the upstream
   * (or what is behind it) is unavailable; a 500 may be about this very request.
   */
  readonly upstreamStatus?: number;

  constructor(
    message: string,
    options: { upstream: string; reason: UnavailableReason; retryAfterSeconds?: number; upstreamStatus?: number; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.upstream = options.upstream;
    this.reason = options.reason;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.upstreamStatus = options.upstreamStatus;
  }
}
