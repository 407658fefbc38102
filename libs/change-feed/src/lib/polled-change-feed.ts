import type { Registry } from 'prom-client';
import type { Logger } from '@strata/logging';
import { tryAcquireLease, type Database, type Lease } from '@strata/persistence';
import type { ChangeFeedPage, ChangeFeedQuery, Observation, QuarantinedRecord } from './change-feed.types';
import { QuietPacer } from './quiet-pacer';
import { registerFeedMetrics, type FeedMetrics } from './feed.metrics';
import { CommitSignal, readChanges } from './feed.reader';
import { FeedStore, type QuarantineEntry } from './feed.store';

/** What a source gets for one poll. */
export interface PollContext<P> {
  /** Where the last committed poll left off; null on the very first poll. */
  position: P | null;
  /** For stored marks (skip unchanged records) and live ids (find deletions). */
  store: FeedStore;
}

/** What one poll saw; committed atomically with `position`. */
export interface PollOutcome<P> {
  observations: Observation[];
  quarantined?: QuarantinedRecord[];
  position: P;
  /** True when the backend has more right now: poll again without waiting. */
  more?: boolean;
}

/** One backend's way of finding changes: `modifiedSince`, a full snapshot, files... */
export interface FeedSource<P> {
  /** Stable name: the key of the stored position and the metrics label. */
  readonly name: string;
  poll(context: PollContext<P>): Promise<PollOutcome<P>>;
}

export interface PolledChangeFeedOptions<P> {
  db: Database;
  source: FeedSource<P>;
  logger: Logger;
  /** The app's metrics registry. */
  registry: Registry;
  /** Pause between polls when the backend had nothing more. Default 1000 ms. */
  intervalMs?: number;
  /**
   * Longest pause while the backend stays quiet. After a round of polls (up to one that
   * has nothing more) that found no change made by others, the pause doubles, up to
   * this; the first such change brings it back to `intervalMs`. Own writes' echoes do
   * not count: nobody waits for them. For sources whose every round is expensive (a
   * full snapshot pass), so an idle or echo-only backend is not read at full speed.
   * Default `intervalMs` (a fixed pause).
   */
  quietIntervalMs?: number;
  /** Longest pause after repeated failures. Default 30 s. */
  maxBackoffMs?: number;
}

/** The feed's health, for the API's status route and readiness. */
export interface FeedStatus {
  source: string;
  /** True while this replica holds the lease and polls (others only serve reads). */
  polling: boolean;
  position: unknown;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  quarantine: { total: number; recent: QuarantineEntry[] };
}

/**
 * A change feed for backends without push: one replica (the holder of a lease in the
 * shared database) polls the source and commits what it saw together with the new
 * position; every replica serves `GET /v1/changes` from the database, with long polls
 * woken at once by local commits. A failing backend (or an open breaker) only delays
 * the next poll, with growing pauses; bad records are quarantined by the source and
 * never stop the feed.
 */
export class PolledChangeFeed<P> {
  private store: FeedStore | undefined;
  private readonly signal = new CommitSignal();
  private readonly metrics: FeedMetrics;
  private lease: Lease | undefined;
  private loop: Promise<void> | undefined;
  private stopped = false;
  private wakeUp: (() => void) | undefined;
  private failures = 0;
  /** Polls run one at a time: `drain()` and the loop must not commit positions out of order. */
  private polling: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PolledChangeFeedOptions<P>) {
    this.metrics = registerFeedMetrics(options.registry, () => this.isPolling());
  }

  /** Opens the store and starts polling (or trying for the lease) in the background. */
  async start(): Promise<void> {
    this.store = await FeedStore.open(this.options.db);
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.loop;
    await this.lease?.release();
    this.lease = undefined;
  }

  /** True while this replica holds the lease. */
  isPolling(): boolean {
    return this.lease !== undefined && !this.lease.signal.aborted;
  }

  /** Polls at once instead of after the interval (after an own write, in tests). */
  pollNow(): void {
    this.wakeUp?.();
  }

  /**
   * Runs polls until one finds nothing more, and resolves after it has committed: what
   * the backend held when it was called is then in the feed. For tests and benchmarks.
   */
  async drain(): Promise<void> {
    const store = this.requireStore();
    for (;;) {
      const { more } = await this.pollOnce(store);
      if (!more) return;
    }
  }

  read<T>(query: ChangeFeedQuery): Promise<ChangeFeedPage<T>> {
    return readChanges<T>(this.requireStore(), query, { signal: this.signal, shouldStopWaiting: () => this.stopped });
  }

  async status(): Promise<FeedStatus> {
    const store = this.requireStore();
    const state = await store.state<P>(this.options.source.name);
    return { source: this.options.source.name, polling: this.isPolling(), ...state, quarantine: await store.quarantine() };
  }

  private requireStore(): FeedStore {
    if (!this.store) throw new Error('PolledChangeFeed.start() has not been called');
    return this.store;
  }

  private async run(): Promise<void> {
    const store = this.requireStore();
    const interval = this.options.intervalMs ?? 1000;
    const pacer = new QuietPacer(interval, Math.max(interval, this.options.quietIntervalMs ?? interval));
    while (!this.stopped) {
      if (!this.isPolling()) {
        this.lease = await tryAcquireLease(this.options.db, `change-feed:${this.options.source.name}`).catch(() => undefined);
        if (!this.isPolling()) {
          await this.sleep(interval);
          continue;
        }
        this.options.logger.info('holding the change feed lease; polling', { source: this.options.source.name });
      }
      let more = false;
      try {
        const polled = await this.pollOnce(store);
        more = polled.more;
        pacer.saw(polled.writtenByOthers);
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        this.metrics.failed(this.options.source.name);
        const message = error instanceof Error ? error.message : String(error);
        this.options.logger.warn('change feed poll failed; will retry', { source: this.options.source.name, failures: this.failures, error });
        await store.recordError(this.options.source.name, message).catch(() => undefined);
      }
      if (!more) await this.sleep(this.failures > 0 ? backoff(this.failures, interval, this.options.maxBackoffMs ?? 30_000) : pacer.roundEnded());
    }
  }

  private pollOnce(store: FeedStore): Promise<PollResult> {
    const run = this.polling.then(() => this.pollAndCommit(store));
    this.polling = run.catch(() => undefined);
    return run;
  }

  private async pollAndCommit(store: FeedStore): Promise<PollResult> {
    const name = this.options.source.name;
    const { position } = await store.state<P>(name);
    const outcome = await this.options.source.poll({ position, store });
    const result = await store.commit({ source: name, observations: outcome.observations, quarantined: outcome.quarantined, position: outcome.position });
    this.metrics.polled(name, result);
    if (result.quarantined > 0) this.options.logger.warn('quarantined unreadable backend records', { source: name, count: result.quarantined });
    if (result.written > 0) this.signal.notify();
    return { more: outcome.more === true, writtenByOthers: result.writtenByOthers };
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const wake = () => done();
      this.wakeUp = wake;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}

/** What one committed poll did, for the loop's pacing. */
interface PollResult {
  more: boolean;
  writtenByOthers: number;
}

/** Doubling pauses from the interval up to `max`, with ±20 % jitter so replicas spread out. */
function backoff(failures: number, interval: number, max: number): number {
  const base = Math.min(max, interval * 2 ** Math.min(failures, 16));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}
