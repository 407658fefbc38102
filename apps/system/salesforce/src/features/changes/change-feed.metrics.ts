import { Gauge, Registry } from 'prom-client';

/** What the change feed reports on `/metrics`. */
export interface ChangeFeedMetrics {
  /** After each commit: seconds from the last change's commit in Salesforce to its commit in the feed. */
  committed(commitAt: Date | null): void;
}

/**
 * Registers the feed's gauges on the app's registry (never the global one: two apps in
 * one test process must not share them). `..._last_commit_timestamp_seconds` lets an
 * alert compute "no change for N minutes" as `time() - x`; the lag gauge shows how far
 * behind Salesforce the feed writes; the streaming gauge mirrors readiness.
 */
export function registerChangeFeedMetrics(registry: Registry, isStreaming: () => boolean): ChangeFeedMetrics {
  const lag = new Gauge({
    name: 'strata_salesforce_cdc_lag_seconds',
    help: 'Seconds between the last stored change event being committed in Salesforce and being stored in the feed',
    registers: [registry],
  });
  const lastCommit = new Gauge({
    name: 'strata_salesforce_cdc_last_commit_timestamp_seconds',
    help: 'Salesforce commit time (unix seconds) of the newest change stored in the feed',
    registers: [registry],
  });
  new Gauge({
    name: 'strata_salesforce_cdc_streaming',
    help: '1 while the Change Data Capture subscription is live, else 0',
    registers: [registry],
    collect() {
      this.set(isStreaming() ? 1 : 0);
    },
  });
  return {
    committed(commitAt) {
      if (!commitAt) return;
      lastCommit.set(commitAt.getTime() / 1000);
      lag.set(Math.max(0, (Date.now() - commitAt.getTime()) / 1000));
    },
  };
}
