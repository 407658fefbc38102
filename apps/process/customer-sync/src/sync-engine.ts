import type { SyncedSystem } from '@strata/contracts-process-customer-sync';
import type { Logger } from '@strata/logging';
import type { Database } from '@strata/persistence';
import type { RuntimeState } from './features/operations-queries';
import type { IntakePolicy } from './intake/apply-record';
import { FeedConsumer } from './intake/feed-consumer';
import type { SourceFeed } from './intake/source-feed';
import type { DeliveryCounts } from './propagation/delivery-tally';
import { OutboxDispatcher, type DeliverySettings } from './propagation/outbox-dispatcher';
import type { TargetWriter } from './propagation/target-writer';

export interface SyncEngineOptions {
  db: Database;
  feeds: SourceFeed[];
  writers: TargetWriter[];
  policy: IntakePolicy;
  logger: Logger;
  /** Long-poll wait of each feed read. */
  waitMs?: number;
  /** Retries, outage waits and concurrency of every target's outbox. */
  delivery?: DeliverySettings;
  leaseRetryMs?: number;
}

/**
 * The running sync: one consumer per source feed and one outbox dispatcher per target,
 * each under its own lease so replicas share the work. A page that queued deliveries
 * wakes the dispatchers at once, which is what keeps propagation lag low.
 */
export class SyncEngine implements RuntimeState {
  readonly consumers: FeedConsumer[];
  readonly dispatchers: OutboxDispatcher[];

  constructor(options: SyncEngineOptions) {
    const { db, policy, logger } = options;
    this.dispatchers = options.writers.map(
      (writer) => new OutboxDispatcher({ ...options.delivery, db, writer, logger, leaseRetryMs: options.leaseRetryMs }),
    );
    this.consumers = options.feeds.map(
      (feed) =>
        new FeedConsumer({
          db,
          feed,
          policy,
          logger,
          waitMs: options.waitMs,
          leaseRetryMs: options.leaseRetryMs,
          onPage: (results) => {
            const targets = new Set(results.flatMap((r) => (r.outcome === 'applied' ? r.targets : [])));
            for (const dispatcher of this.dispatchers) if (targets.has(dispatcher.target)) dispatcher.nudge();
          },
        }),
    );
    this.writers = new Map(options.writers.map((writer) => [writer.system, writer]));
  }

  private readonly writers: Map<SyncedSystem, TargetWriter>;

  start(): void {
    for (const worker of [...this.consumers, ...this.dispatchers]) worker.start();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.consumers, ...this.dispatchers].map((worker) => worker.stop()));
  }

  /** Wakes every dispatcher (after a change made through the API). */
  nudgeAll(): void {
    for (const dispatcher of this.dispatchers) dispatcher.nudge();
  }

  isConsuming(system: SyncedSystem): boolean {
    return this.consumers.some((consumer) => consumer.system === system && consumer.isConsuming());
  }

  deliveryCounts(): ({ system: SyncedSystem } & DeliveryCounts)[] {
    return this.dispatchers.map((dispatcher) => ({ system: dispatcher.target, ...dispatcher.counts() }));
  }

  breaker(system: SyncedSystem): 'closed' | 'open' | 'half-open' {
    return this.writers.get(system)?.isBlocked() ? 'open' : 'closed';
  }
}
