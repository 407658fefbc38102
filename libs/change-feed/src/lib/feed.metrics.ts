import { Counter, Gauge, type Registry } from 'prom-client';

/** What a polled feed reports on `/metrics`, labelled by source. */
export interface FeedMetrics {
  polled(source: string, result: { written: number; quarantined: number }): void;
  failed(source: string): void;
}

/**
 * Registers the feed's series on the app's registry (never the global one: two apps in
 * one test process must not share them). `..._last_success_timestamp_seconds` lets an
 * alert say "no successful poll for N minutes" as `time() - x`; quarantined records
 * have their own counter because each one is data a person must look at.
 */
export function registerFeedMetrics(registry: Registry, isPolling: () => boolean): FeedMetrics {
  const labelNames = ['source'] as const;
  const changes = new Counter({ name: 'strata_change_feed_changes_total', help: 'Changes appended to the change feed', labelNames, registers: [registry] });
  const quarantined = new Counter({
    name: 'strata_change_feed_quarantined_total',
    help: 'Backend records that could not be read and were quarantined',
    labelNames,
    registers: [registry],
  });
  const errors = new Counter({ name: 'strata_change_feed_poll_errors_total', help: 'Polls of the backend that failed', labelNames, registers: [registry] });
  const lastSuccess = new Gauge({
    name: 'strata_change_feed_last_success_timestamp_seconds',
    help: 'Unix time of the last successful poll of the backend',
    labelNames,
    registers: [registry],
  });
  new Gauge({
    name: 'strata_change_feed_polling',
    help: '1 while this replica holds the feed lease and polls the backend, else 0',
    registers: [registry],
    collect() {
      this.set(isPolling() ? 1 : 0);
    },
  });
  return {
    polled(source, result) {
      changes.inc({ source }, result.written);
      quarantined.inc({ source }, result.quarantined);
      lastSuccess.set({ source }, Date.now() / 1000);
    },
    failed(source) {
      errors.inc({ source });
    },
  };
}
