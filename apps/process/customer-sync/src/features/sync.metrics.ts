import { Counter, Gauge, type Registry } from 'prom-client';
import type { Database } from '@strata/persistence';
import { FAILURE_KINDS } from '../propagation/delivery-pacing';
import type { DeliveryCounts } from '../propagation/delivery-tally';
import { syncHealth, type RuntimeState } from './operations-queries';

/**
 * The sync's health on `/metrics`, read from the database at scrape time so every
 * replica reports the same numbers: lag per source, outbox depth, oldest pending
 * delivery and dead letters per target, open reviews. Alert on dead letters > 0 and on
 * an oldest pending delivery older than a few minutes.
 */
export function registerSyncMetrics(registry: Registry, db: Database, runtime: RuntimeState): void {
  let snapshot: Promise<Awaited<ReturnType<typeof syncHealth>>> | undefined;
  // One query per scrape, shared by every gauge's collect().
  const health = () => (snapshot ??= syncHealth(db, runtime).finally(() => setTimeout(() => (snapshot = undefined), 100)));
  const gauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge, h: Awaited<ReturnType<typeof syncHealth>>) => void) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        fill(this, await health());
      },
    });
  gauge('strata_sync_feed_lag_seconds', 'How far behind its source the last applied change was (0 when caught up)', ['system'], (g, h) => {
    for (const s of h.sources) if (s.lagSeconds !== null) g.set({ system: s.system }, s.lagSeconds);
  });
  gauge('strata_sync_feed_consuming', '1 while this replica consumes the feed (holds its lease)', ['system'], (g, h) => {
    for (const s of h.sources) g.set({ system: s.system }, s.consuming ? 1 : 0);
  });
  gauge('strata_sync_outbox_depth', 'Deliveries waiting for a target', ['system'], (g, h) => {
    for (const t of h.targets) g.set({ system: t.system }, t.outboxDepth);
  });
  gauge('strata_sync_outbox_oldest_pending_seconds', 'Age of the oldest waiting delivery', ['system'], (g, h) => {
    for (const t of h.targets) g.set({ system: t.system }, t.oldestPendingSeconds ?? 0);
  });
  gauge('strata_sync_dead_letters', 'Deliveries that failed every attempt', ['system'], (g, h) => {
    for (const t of h.targets) g.set({ system: t.system }, t.deadLetters);
  });
  gauge('strata_sync_open_reviews', 'Match candidates waiting for a person', [], (g, h) => g.set(h.openReviews));
  registerDeliveryCounters(registry, runtime);
}

/**
 * Per target, counted by this replica (Prometheus sums replicas): write requests and
 * the deliveries they carried (their ratio is the batch size batching achieves, which
 * says whether `OUTBOX_BATCH_SIZE` matters for the traffic at hand), and deliveries not
 * accepted by kind (what a growing outbox waits for).
 */
function registerDeliveryCounters(registry: Registry, runtime: RuntimeState): void {
  const counter = (name: string, help: string, labelNames: string[], fill: (c: Counter, counts: { system: string } & DeliveryCounts) => void) =>
    new Counter({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        for (const counts of runtime.deliveryCounts?.() ?? []) fill(this, counts);
      },
    });
  counter('strata_sync_write_requests_total', 'Write requests sent to a target (one per batch, or per delivery for targets without batches)', ['system'], (c, t) => c.inc({ system: t.system }, t.requests));
  counter('strata_sync_deliveries_sent_total', 'Deliveries those write requests carried', ['system'], (c, t) => c.inc({ system: t.system }, t.deliveries));
  counter('strata_sync_delivery_failures_total', 'Deliveries a target did not accept, by kind: breaker-open, paced (429), outage, stale (412), rejected', ['system', 'kind'], (c, t) => {
    for (const kind of FAILURE_KINDS) c.inc({ system: t.system, kind }, t.failures[kind]);
  });
}
