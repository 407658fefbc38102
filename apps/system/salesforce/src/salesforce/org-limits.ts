import type { Connection } from 'jsforce';
import { Gauge, Registry } from 'prom-client';
import type { BreakerState } from '@strata/service-kit';
import { failureCode } from './salesforce-errors';

/** How long the API counts as exhausted after REQUEST_LIMIT_EXCEEDED, before a call may try again. */
const EXHAUSTED_FOR_MS = 5 * 60_000;

/**
 * Watches the org's daily API allowance: the usage Salesforce reports on every answer
 * (`Sforce-Limit-Info`, which jsforce exposes as `limitInfo`) becomes a metric, and
 * REQUEST_LIMIT_EXCEEDED marks the API degraded on `/health/ready` so operators see
 * why calls fail before consumers report it.
 */
export class OrgLimits {
  private exhaustedUntil = 0;
  private readonly usage: Gauge<'kind'>;

  constructor(registry: Registry, private readonly clock: () => number = Date.now) {
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
    if (failureCode(error) === 'REQUEST_LIMIT_EXCEEDED') this.exhaustedUntil = this.clock() + EXHAUSTED_FOR_MS;
  }

  /** The allowance as a breaker-like state for readiness: open while exhausted. */
  snapshot(): BreakerState {
    return { name: 'salesforce-api-allowance', state: this.clock() < this.exhaustedUntil ? 'open' : 'closed' };
  }
}
