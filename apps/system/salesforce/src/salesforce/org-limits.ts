import type { Connection } from 'jsforce';
import { Gauge, Registry } from 'prom-client';
import { TooManyRequestsError } from '@strata/errors';
import type { BreakerState } from '@strata/service-kit';
import { DEFAULT_ALLOWANCE_RETRY_AFTER_SECONDS, isAllowanceSpent } from './salesforce-errors';

/** How {@link OrgLimits} treats a spent allowance. */
export interface OrgLimitsOptions {
  /**
   * How long the allowance counts as spent after REQUEST_LIMIT_EXCEEDED: readiness shows
   * it for that long and callers are told to come back after it (`Retry-After`). A real
   * org's allowance is a rolling 24 hours, so nobody knows when calls come back; 5
   * minutes (the default) spaces the probes without leaving the sync idle for long.
   */
  pauseSeconds?: number;
  clock?: () => number;
}

/**
 * Watches the org's daily API allowance: the usage Salesforce reports on every answer
 * (`Sforce-Limit-Info`, which jsforce exposes as `limitInfo`) becomes a metric, and
 * REQUEST_LIMIT_EXCEEDED marks the API degraded on `/health/ready` so operators see
 * why calls fail before consumers report it, and tells callers how long to wait.
 */
export class OrgLimits {
  private exhaustedUntil = 0;
  private readonly usage: Gauge<'kind'>;
  private readonly pauseMs: number;
  private readonly clock: () => number;

  constructor(registry: Registry, options: OrgLimitsOptions = {}) {
    this.pauseMs = (options.pauseSeconds ?? DEFAULT_ALLOWANCE_RETRY_AFTER_SECONDS) * 1000;
    this.clock = options.clock ?? Date.now;
    this.usage =
      (registry.getSingleMetric('strata_salesforce_api_requests') as Gauge<'kind'> | undefined) ??
      new Gauge({ name: 'strata_salesforce_api_requests', help: 'Daily Salesforce API requests used and allowed, from Sforce-Limit-Info', labelNames: ['kind'], registers: [registry] });
  }

  /** Records the usage jsforce read from the last response. */
  observe(conn: Connection): void {
    const apiUsage = conn.limitInfo?.apiUsage;
    if (!apiUsage) return;
    this.usage.set({ kind: 'used' }, apiUsage.used);
    this.usage.set({ kind: 'limit' }, apiUsage.limit);
  }

  /** Notes a failure; only REQUEST_LIMIT_EXCEEDED matters here. */
  observeFailure(error: unknown): void {
    if (isAllowanceSpent(error)) this.exhaustedUntil = this.clock() + this.pauseMs;
  }

  /**
   * Refuses a call at once, without spending one, while the pause after the last
   * REQUEST_LIMIT_EXCEEDED runs: the same 429 and Retry-After the org's refusal gave.
   * Without it every caller's call still reached the org during the pause, each
   * refused, each counted against the allowance; with it the first call after the
   * pause is the only probe.
   */
  refuseWhileSpent(): void {
    if (this.clock() < this.exhaustedUntil) {
      throw new TooManyRequestsError('The Salesforce org has used up its daily API allowance; calls are paused', { retryAfterSeconds: this.retryAfterSeconds() });
    }
  }

  /** Seconds until the pause after the last REQUEST_LIMIT_EXCEEDED ends (at least 1): the `Retry-After` callers get. */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.exhaustedUntil - this.clock()) / 1000));
  }

  /** The allowance as a breaker-like state for readiness: open while exhausted. */
  snapshot(): BreakerState {
    return { name: 'salesforce-api-allowance', state: this.clock() < this.exhaustedUntil ? 'open' : 'closed' };
  }
}
