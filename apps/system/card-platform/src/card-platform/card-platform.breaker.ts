import CircuitBreaker from 'opossum';
import { StrataError, UpstreamUnavailableError } from '@strata/errors';
import type { Logger } from '@strata/logging';
import type { BreakerState } from '@strata/service-kit';
import { isCallerFault } from './soap-errors';

export const UPSTREAM = 'card-platform';

export interface CardPlatformBreakerOptions {
  /** Longest one SOAP call may take; default 10 s (a 1000-record page is slow on the real platform). */
  timeoutMs?: number;
  /** Time open before one probe is let through; default 10 s. */
  resetTimeoutMs?: number;
  /** Failures in a row that open it; default 5. */
  consecutiveFailures?: number;
}

/**
 * One circuit breaker around every SOAP call. The `soap` client has no deadline of its
 * own worth trusting, so without this a hanging platform would hang every caller; with
 * it, calls past `timeoutMs` fail, and after repeated failures callers get 503 at once.
 * soap:Client faults (not found, validation, duplicates) never count against it.
 */
export class CardPlatformBreaker {
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private consecutive = 0;
  private openedAt = 0;
  private readonly resetTimeoutMs: number;
  readonly timeoutMs: number;

  constructor(logger: Logger, options: CardPlatformBreakerOptions = {}) {
    this.resetTimeoutMs = options.resetTimeoutMs ?? 10_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    const limit = options.consecutiveFailures ?? 5;
    this.breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
      name: UPSTREAM,
      timeout: this.timeoutMs,
      resetTimeout: this.resetTimeoutMs,
      // Opening is decided by the consecutive-failure count below, not by opossum's
      // rolling percentage, which would open after 2 failures behind 1 success.
      volumeThreshold: Number.MAX_SAFE_INTEGER,
      errorFilter: (error: unknown) => isCallerFault(error),
    });
    this.breaker.on('success', () => (this.consecutive = 0));
    this.breaker.on('failure', () => {
      this.consecutive += 1;
      if (this.consecutive >= limit && !this.breaker.opened) this.breaker.open();
    });
    this.breaker.on('open', () => {
      this.openedAt = Date.now();
      logger.warn('card platform breaker opened');
    });
    this.breaker.on('close', () => {
      this.consecutive = 0;
      logger.info('card platform breaker closed');
    });
  }

  /** Runs one SOAP call under the breaker; open or timed out, it fails with UpstreamUnavailableError. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return (await this.breaker.fire(call)) as T;
    } catch (error) {
      if (error instanceof StrataError) throw error;
      const code = (error as { code?: string }).code;
      if (code === 'EOPENBREAKER') {
        const retryAfterSeconds = Math.max(1, Math.ceil((this.openedAt + this.resetTimeoutMs - Date.now()) / 1000));
        throw new UpstreamUnavailableError('The card platform is failing; calls are paused', { upstream: UPSTREAM, reason: 'breaker-open', retryAfterSeconds, cause: error });
      }
      if (code === 'ETIMEDOUT') throw new UpstreamUnavailableError('The card platform did not answer in time', { upstream: UPSTREAM, reason: 'timeout', retryAfterSeconds: 2, cause: error });
      throw error;
    }
  }

  snapshot(): BreakerState {
    return { name: UPSTREAM, state: this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'half-open' : 'closed' };
  }

  shutdown(): void {
    this.breaker.shutdown();
  }
}
