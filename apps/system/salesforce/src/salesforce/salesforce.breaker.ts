import CircuitBreaker from 'opossum';
import { StrataError, UpstreamUnavailableError } from '@strata/errors';
import { backendTimeoutMs } from '@strata/http-client';
import type { Logger } from '@strata/logging';
import type { BreakerState } from '@strata/service-kit';
import { failureCode, isAllowanceSpent, PRECONDITION_CODES } from './salesforce-errors';

/** Failures that say nothing about Salesforce's health: the request itself was wrong. */
const CALLER_ERRORS = new Set([
  'NOT_FOUND', 'ENTITY_IS_DELETED', 'DUPLICATE_VALUE', 'MULTIPLE_CHOICES', 'REQUIRED_FIELD_MISSING', 'INVALID_EMAIL_ADDRESS',
  'STRING_TOO_LONG', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'INVALID_TYPE_ON_FIELD_IN_RECORD', 'FIELD_INTEGRITY_EXCEPTION',
  'MALFORMED_ID', 'INVALID_FIELD', 'MALFORMED_QUERY', 'INVALID_QUERY_LOCATOR', 'JSON_PARSER_ERROR', 'NUMBER_OUTSIDE_VALID_RANGE',
  // A stale If-Match refused by the org (412) is the caller's news, not a sick org.
  ...PRECONDITION_CODES,
]);

export interface SalesforceBreakerOptions {
  /** Longest a Salesforce call may take before the caller gets 504; default 10 s (SOQL over many rows is slow). */
  timeoutMs?: number;
  /** Time open before one probe is let through; default 10 s. */
  resetTimeoutMs?: number;
  /** Failures in a row that open it; default 5. */
  consecutiveFailures?: number;
}

/**
 * One circuit breaker around every jsforce call. jsforce has no deadline of its own, so
 * without this a hanging org would hang every caller; with it, calls past `timeoutMs`
 * fail, and after repeated failures callers get 503 at once instead of queueing on a
 * dead org. Bad requests (validation, not found, duplicates, stale versions) and a spent
 * daily allowance (answered 429 with Retry-After) never count against it.
 */
export class SalesforceBreaker {
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private consecutive = 0;
  private openedAt = 0;
  private readonly resetTimeoutMs: number;
  private readonly timeoutMs: number;

  constructor(logger: Logger, options: SalesforceBreakerOptions = {}) {
    this.resetTimeoutMs = options.resetTimeoutMs ?? 10_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    const limit = options.consecutiveFailures ?? 5;
    this.breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
      name: 'salesforce',
      timeout: this.timeoutMs,
      resetTimeout: this.resetTimeoutMs,
      volumeThreshold: limit,
      errorThresholdPercentage: 50,
      // A spent API allowance is not a sick org either: callers are paced by Retry-After instead.
      errorFilter: (error: unknown) => CALLER_ERRORS.has(failureCode(error)) || isAllowanceSpent(error),
    });
    this.breaker.on('success', () => (this.consecutive = 0));
    this.breaker.on('failure', () => {
      this.consecutive += 1;
      if (this.consecutive >= limit && !this.breaker.opened) this.breaker.open();
    });
    this.breaker.on('open', () => {
      this.openedAt = Date.now();
      logger.warn('salesforce breaker opened');
    });
    this.breaker.on('close', () => {
      this.consecutive = 0;
      logger.info('salesforce breaker closed');
    });
  }

  /**
   * Runs one jsforce call under the breaker; open or timed out, it fails with
   * UpstreamUnavailableError. When the caller's deadline ends before `timeoutMs`, the
   * caller is answered (504) then: jsforce cannot abort a request, so the call itself
   * runs on to the breaker's own timeout, and only that counts against the org.
   */
  async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      const timeoutMs = backendTimeoutMs(this.timeoutMs, 'salesforce');
      const fired = this.breaker.fire(call) as Promise<T>;
      return await (timeoutMs < this.timeoutMs ? answerWithin(fired, timeoutMs) : fired);
    } catch (error) {
      if (error instanceof StrataError) throw error;
      const code = (error as { code?: string }).code;
      if (code === 'EOPENBREAKER') {
        const retryAfterSeconds = Math.max(1, Math.ceil((this.openedAt + this.resetTimeoutMs - Date.now()) / 1000));
        throw new UpstreamUnavailableError('Salesforce is failing; calls are paused', { upstream: 'salesforce', reason: 'breaker-open', retryAfterSeconds, cause: error });
      }
      if (code === 'ETIMEDOUT') throw new UpstreamUnavailableError('Salesforce did not answer in time', { upstream: 'salesforce', reason: 'timeout', retryAfterSeconds: 2, cause: error });
      throw error;
    }
  }

  snapshot(): BreakerState {
    return { name: 'salesforce', state: this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'half-open' : 'closed' };
  }

  shutdown(): void {
    this.breaker.shutdown();
  }
}

/** The call's outcome, or a timeout failure after `ms` (the call is left to finish on its own). */
function answerWithin<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UpstreamUnavailableError("Salesforce did not answer within the caller's deadline", { upstream: 'salesforce', reason: 'timeout' })), ms);
  });
  call.catch(() => undefined); // settled after the answer went out: nobody is left to tell
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}
