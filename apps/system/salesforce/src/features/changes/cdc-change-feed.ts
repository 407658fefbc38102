import type { Connection } from 'jsforce';
import type { Registry } from 'prom-client';
import type { Logger } from '@strata/logging';
import { tryAcquireLease, type Database, type Lease } from '@strata/persistence';
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
  /** How often a standby replica tries to take the subscription over. Default 5 s. */
  leaseRetryMs?: number;
}

/** The one subscription per database: replicas sharing a database take turns holding it. */
export const CDC_LEASE = 'salesforce-cdc:contact';

/**
 * The durable change feed fed by Change Data Capture. Each event is stored with its
 * replay id in one transaction before anyone can read it; a restart resumes after the
 * stored replay id; a replay id out of the retention window is closed with a resync.
 *
 * Only the replica holding the lease subscribes (two subscribers would store each event
 * once, thanks to the row lock, but would double every SOQL read behind it); the others
 * serve reads from the shared database and try to take over every `leaseRetryMs`, so
 * when the holder dies its connection drops, the lease frees, and a standby resumes
 * from the stored replay id.
 */
export class CdcChangeFeed implements ChangeFeed {
  private store: ChangeFeedStore | undefined;
  private writer: ChangeWriter | undefined;
  private stream: CdcStream | undefined;
  private metrics: ChangeFeedMetrics | undefined;
  private readonly signal = new CommitSignal();
  private lease: Lease | undefined;
  private running = false;
  private leaseTimer: NodeJS.Timeout | undefined;
  private takingOver: Promise<void> | undefined;

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
      shouldStopWaiting: () => !this.running || (this.options.isDraining?.() ?? false),
    });
  }

  /**
   * Opens the store and subscribes if this replica can take the lease; otherwise it
   * stands by (serving reads) and keeps trying in the background.
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.store ??= await ChangeFeedStore.open(this.options.db);
    await this.tryToLead();
    this.leaseTimer = setInterval(() => {
      this.tryToLead().catch((error: unknown) => this.options.logger.warn('could not take the CDC subscription over; will retry', { error }));
    }, this.options.leaseRetryMs ?? 5000);
    this.leaseTimer.unref();
  }

  /** 'streaming' holds the lease and is subscribed; 'standby' serves reads while another replica streams. */
  role(): 'streaming' | 'standby' | 'stopped' {
    if (!this.running) return 'stopped';
    return this.stream ? 'streaming' : 'standby';
  }

  private tryToLead(): Promise<void> {
    this.takingOver ??= this.takeOver().finally(() => (this.takingOver = undefined));
    return this.takingOver;
  }

  private async takeOver(): Promise<void> {
    const store = this.store;
    if (!this.running || this.lease || !store) return;
    const lease = await tryAcquireLease(this.options.db, CDC_LEASE).catch((error: unknown) => {
      this.options.logger.warn('could not try the CDC lease', { error });
      return undefined;
    });
    if (!lease) return;
    this.lease = lease;
    lease.signal.addEventListener('abort', () => void this.stepDown(), { once: true });
    try {
      await this.subscribe(store);
      this.options.logger.info('holding the CDC lease; subscribed', { channel: CONTACT_CHANNEL });
    } catch (error) {
      await this.stepDown();
      throw error;
    }
  }

  /** Gives the subscription up (lease lost or stopping); another replica may take it. */
  private async stepDown(): Promise<void> {
    const { stream, writer, lease } = this;
    this.stream = undefined;
    this.writer = undefined;
    this.lease = undefined;
    await stream?.stop();
    await writer?.stop();
    await lease?.release();
  }

  private async subscribe(store: ChangeFeedStore): Promise<void> {
    const { conn, logger } = this.options;
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

  /** Disconnects the streaming client, stops the writer and frees the lease; safe to call twice. */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.leaseTimer);
    this.signal.notify();
    await this.takingOver?.catch(() => undefined);
    await this.stepDown();
  }

  isStreaming(): boolean {
    return this.stream?.isStreaming() ?? false;
  }
}
