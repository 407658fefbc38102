import CircuitBreaker from 'opossum';
import { StrataError, UpstreamUnavailableError } from '@strata/errors';
import type { Logger } from '@strata/logging';
import type { BreakerState } from '@strata/service-kit';

export interface MainframeBreakerOptions {
  /** Longest a submission (probe and file write) may take; default 5 s. */
  timeoutMs?: number;
  /** Time open before one probe is let through; default 10 s. */
  resetTimeoutMs?: number;
  /** Failed submissions in a row that open it; default 3. */
  consecutiveFailures?: number;
}

/**
 * One circuit breaker around handing work to the mainframe. A file exchange has no
 * error response to count, so a failed submission is what the API can observe: the
 * mainframe's status probe says down or does not answer, or the exchange folder cannot
 * be written. After repeated failures callers get 503 at once (with Retry-After) until
 * a probe, let through after `resetTimeoutMs`, finds the mainframe back.
 */
export class MainframeBreaker {
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private consecutive = 0;
  private openedAt = 0;
  private readonly resetTimeoutMs: number;

  constructor(logger: Logger, options: MainframeBreakerOptions = {}) {
    this.resetTimeoutMs = options.resetTimeoutMs ?? 10_000;
    const limit = options.consecutiveFailures ?? 3;
    this.breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
      name: 'loan-mainframe',
      timeout: options.timeoutMs ?? 5000,
      resetTimeout: this.resetTimeoutMs,
      volumeThreshold: limit,
      errorThresholdPercentage: 50,
    });
    this.breaker.on('success', () => (this.consecutive = 0));
    this.breaker.on('failure', () => {
      this.consecutive += 1;
      if (this.consecutive >= limit && !this.breaker.opened) this.breaker.open();
    });
    this.breaker.on('open', () => {
      this.openedAt = Date.now();
      logger.warn('loan mainframe breaker opened');
    });
    this.breaker.on('close', () => {
      this.consecutive = 0;
      logger.info('loan mainframe breaker closed');
    });
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return (await this.breaker.fire(call)) as T;
    } catch (error) {
      if (error instanceof StrataError) throw error;
      const code = (error as { code?: string }).code;
      if (code === 'EOPENBREAKER') {
        const retryAfterSeconds = Math.max(1, Math.ceil((this.openedAt + this.resetTimeoutMs - Date.now()) / 1000));
        throw new UpstreamUnavailableError('The loan mainframe is failing; updates are paused', { upstream: 'loan-mainframe', reason: 'breaker-open', retryAfterSeconds, cause: error });
      }
      if (code === 'ETIMEDOUT') throw new UpstreamUnavailableError('Handing the update to the loan mainframe took too long', { upstream: 'loan-mainframe', reason: 'timeout', retryAfterSeconds: 2, cause: error });
      throw new UpstreamUnavailableError('The exchange folder cannot be written', { upstream: 'loan-mainframe', reason: 'connection', retryAfterSeconds: 5, cause: error });
    }
  }

  snapshot(): BreakerState {
    return { name: 'loan-mainframe', state: this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'half-open' : 'closed' };
  }

  shutdown(): void {
    this.breaker.shutdown();
  }
}
