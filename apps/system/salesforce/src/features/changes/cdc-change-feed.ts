import type { Connection } from 'jsforce';
import type { Registry } from 'prom-client';
import type { Logger } from '@strata/logging';
import type { Database } from '@strata/persistence';
import { CustomersService } from '../customers/customers.service';
import { CdcStream, REPLAY_ALL_RETAINED } from './cdc-stream';
import { ChangeFeedMetrics, registerChangeFeedMetrics } from './change-feed.metrics';
import { CommitSignal, readChanges } from './change-feed.reader';
import { ChangeFeedStore } from './change-feed.store';
import type { ChangeFeed, ChangeFeedPage, ChangeFeedQuery } from './change-feed.types';
import { ChangeWriter } from './change-writer';
import { DEFAULT_RESYNC_MARGIN_MS, resyncContacts } from './contact-resync';

/** The CDC channel of Contacts, which this API serves as customers. */
export const CONTACT_CHANNEL = '/data/ContactChangeEvent';

export interface CdcChangeFeedOptions {
  /** The live jsforce connection (a function: it may be replaced). */
  conn: () => Connection;
  db: Database;
  logger: Logger;
  /** `SALESFORCE_CLIENT_NAME`: changes whose changeOrigin names it are `origin.self`. */
  selfClient: string;
  /** Ends long polls early while the app drains for shutdown. */
  isDraining?: () => boolean;
  /** How far before the last known change a resync starts reading. */
  resyncMarginMs?: number;
  /** How often a long poll re-reads while waiting (commits by other replicas). */
  pollMs?: number;
  /**
   * The app's customers service, so the feed's reads go through the same breaker,
   * deadline and API-allowance tracking as every route (read at `start()`). Without
   * it the feed builds a bare one over `conn`.
   */
  customers?: () => CustomersService;
}

/**
 * The durable change feed fed by Change Data Capture. Each event is stored with its
 * replay id in one transaction before anyone can read it; a restart resumes after the
 * stored replay id; a replay id out of the retention window is closed with a resync.
 */
export class CdcChangeFeed implements ChangeFeed {
  private store: ChangeFeedStore | undefined;
  private writer: ChangeWriter | undefined;
  private stream: CdcStream | undefined;
  private metrics: ChangeFeedMetrics | undefined;
  private readonly signal = new CommitSignal();

  constructor(private readonly options: CdcChangeFeedOptions) {}

  /** Reports lag and streaming state on the app's registry (`service.metrics.registry`). */
  useMetrics(registry: Registry): void {
    this.metrics = registerChangeFeedMetrics(registry, () => this.isStreaming());
  }

  async read(query: ChangeFeedQuery): Promise<ChangeFeedPage> {
    if (!this.store) throw new Error('The change feed has not been started');
    return readChanges(this.store, query, {
      signal: this.signal,
      pollMs: this.options.pollMs,
      shouldStopWaiting: () => this.stream === undefined || (this.options.isDraining?.() ?? false),
    });
  }

  async start(): Promise<void> {
    if (this.stream) return;
    const { conn, logger } = this.options;
    const store = (this.store ??= await ChangeFeedStore.open(this.options.db));
    const customers = this.options.customers?.() ?? new CustomersService(conn);
    const writer = new ChangeWriter({
      store,
      readCustomers: (ids) => customers.byIds(ids),
      selfClient: this.options.selfClient,
      logger,
      onCommitted: (state) => {
        this.metrics?.committed(state.lastChangeAt);
        this.signal.notify();
      },
    });
    writer.resumeFrom((await store.state()).lastReplayId);
    this.writer = writer;
    this.stream = new CdcStream({
      conn,
      channel: CONTACT_CHANNEL,
      logger,
      resumeAfter: async () => (await store.state()).lastReplayId ?? REPLAY_ALL_RETAINED,
      onEvent: (event) => writer.push(event),
      onRetentionGap: async (refusedReplayId, subscribeNewOnly) => {
        writer.hold();
        await subscribeNewOnly();
        const count = await resyncContacts(conn, store, refusedReplayId, this.options.resyncMarginMs ?? DEFAULT_RESYNC_MARGIN_MS);
        logger.warn('change feed resynced after a retention gap', { refusedReplayId, changes: count });
        writer.release();
        this.signal.notify();
      },
    });
    await this.stream.start();
  }

  /** Disconnects the streaming client and stops the writer; safe to call twice. */
  async stop(): Promise<void> {
    const { stream, writer } = this;
    this.stream = undefined;
    this.writer = undefined;
    this.signal.notify();
    await stream?.stop();
    await writer?.stop();
  }

  isStreaming(): boolean {
    return this.stream?.isStreaming() ?? false;
  }
}
