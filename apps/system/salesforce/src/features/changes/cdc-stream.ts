import type { Connection } from 'jsforce';
import type { Logger } from '@strata/logging';
import type { CdcEvent } from './cdc-event.mapper';
import { CdcSubscription, isRetentionGap, SubscribeRefusedError } from './cdc-subscription';
import { retryDelay, Sleeper } from '../../salesforce/retry-delay';

/** Replay from every event still retained: where a feed with no stored replay id starts. */
export const REPLAY_ALL_RETAINED = -2;
/** Replay nothing: new events only. */
export const REPLAY_NEW_ONLY = -1;

export interface CdcStreamOptions {
  conn: () => Connection;
  /** e.g. `/data/ContactChangeEvent`. */
  channel: string;
  logger: Logger;
  /** The replay id to resume after: the stored one, or {@link REPLAY_ALL_RETAINED}. */
  resumeAfter(): Promise<number>;
  onEvent(event: CdcEvent): void;
  /**
   * The stored replay id was refused as out of the retention window. The handler must
   * call `subscribeNewOnly()` (subscribing from -1) and then re-read what the gap hid,
   * in the order it needs; a throw makes the stream try again later.
   */
  onRetentionGap(refusedReplayId: number, subscribeNewOnly: () => Promise<void>): Promise<void>;
  /** Longest wait for a subscribe acknowledgement. */
  subscribeTimeoutMs?: number;
}

/**
 * Keeps one CDC subscription alive for as long as the feed runs. It resumes after the
 * stored replay id, and opens a fresh client whenever the old one cannot go on: after a
 * session refresh or an auth failure (the client keeps the token it was created with),
 * after a refused subscribe, with growing delays. faye handles `403::Unknown client`
 * by itself (re-handshake and resubscribe), which may replay events: the writer drops
 * any replay id it has already stored.
 */
export class CdcStream {
  private current: CdcSubscription | undefined;
  private createdAt = 0;
  private live = false;
  private stopped = true;
  private reconnectWanted = false;
  private refreshWanted = false;
  private loop: Promise<void> | undefined;
  private wakeLoop: (() => void) | undefined;
  private readonly sleeper = new Sleeper();
  private readonly onRefresh = () => {
    if (this.current && this.current.token !== this.options.conn().accessToken) this.reconnect('session refreshed');
  };

  constructor(private readonly options: CdcStreamOptions) {}

  /** Starts the subscription loop; resolves after the first attempt, successful or not. */
  start(): Promise<void> {
    this.stopped = false;
    this.options.conn().on('refresh', this.onRefresh);
    return new Promise((firstAttempt) => {
      this.loop = this.run(firstAttempt);
    });
  }

  /** Subscribed, and faye's transport is up. */
  isStreaming(): boolean {
    return this.live;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.options.conn().removeListener('refresh', this.onRefresh);
    this.sleeper.wake();
    this.wakeLoop?.();
    await this.loop;
  }

  private async run(firstAttempt: () => void): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.reconnectWanted = false;
      try {
        await this.connect();
        failures = 0;
        firstAttempt();
        await this.untilReconnectWanted();
      } catch (error) {
        if (this.stopped) break;
        failures += 1;
        if (error instanceof SubscribeRefusedError && error.code === 401) this.refreshWanted = true;
        this.options.logger.warn('cdc subscription failed; retrying', { channel: this.options.channel, failures, error: (error as Error).message });
        firstAttempt();
        await this.closeCurrent();
        if (!this.stopped) await this.sleeper.sleep(retryDelay(failures));
      }
    }
    firstAttempt(); // stopped before any attempt ended: start() must not hang
    await this.closeCurrent();
  }

  private async connect(): Promise<void> {
    await this.closeCurrent();
    if (this.refreshWanted) await this.refreshSession();
    const replayId = await this.options.resumeAfter();
    try {
      await this.subscribe(replayId);
    } catch (error) {
      if (!isRetentionGap(error)) throw error;
      this.options.logger.warn('stored replay id is out of the retention window; resyncing', { replayId });
      await this.options.onRetentionGap(replayId, () => this.subscribe(REPLAY_NEW_ONLY));
    }
  }

  private async subscribe(replayId: number): Promise<void> {
    if (this.stopped) throw new Error('stopped');
    const conn = this.options.conn();
    this.createdAt = Date.now();
    const handlers = {
      onEvent: (event: CdcEvent) => this.options.onEvent(event),
      onLost: (reason: string, sessionRefused: boolean) => {
        if (sessionRefused) this.refreshWanted = true;
        this.reconnect(reason);
      },
      onTransport: (up: boolean) => {
        this.live = up && !this.stopped;
      },
    };
    this.current = await CdcSubscription.open(conn, this.options.channel, replayId, handlers, this.options.subscribeTimeoutMs);
    this.live = true;
    this.options.logger.info('cdc subscribed', { channel: this.options.channel, replayId });
  }

  /**
   * A new session through jsforce's own refresh (refresh token, or the JWT `refreshFn`),
   * unless one already happened since the failing client was created.
   */
  private async refreshSession(): Promise<void> {
    const delegate = this.options.conn()._refreshDelegate;
    if (!delegate) throw new Error('The Salesforce session was refused and this connection cannot refresh it');
    await delegate.refresh(this.createdAt);
    this.refreshWanted = false;
  }

  private reconnect(reason: string): void {
    if (this.reconnectWanted || this.stopped) return;
    this.options.logger.info('cdc resubscribing', { reason });
    this.live = false;
    this.reconnectWanted = true;
    this.wakeLoop?.();
  }

  private untilReconnectWanted(): Promise<void> {
    return new Promise((resolve) => {
      this.wakeLoop = resolve;
      if (this.reconnectWanted || this.stopped) resolve();
    });
  }

  private async closeCurrent(): Promise<void> {
    this.live = false;
    const current = this.current;
    this.current = undefined;
    await current?.close();
  }
}
