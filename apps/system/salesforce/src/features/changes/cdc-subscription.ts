import type { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/lib/api/streaming';
import type { CdcEvent } from './cdc-event.mapper';

/** What one subscription reports to its owner. */
export interface SubscriptionHandlers {
  onEvent(event: CdcEvent): void;
  /**
   * The client cannot go on: its session was refused (faye has stopped and will not
   * retry), or Salesforce refused the resubscribe faye sent by itself after a
   * re-handshake (a replay id out of retention after a long outage, for one).
   */
  onLost(reason: string, sessionRefused: boolean): void;
  /** faye's transport went down (it retries by itself) or came back. */
  onTransport(up: boolean): void;
}

/** Salesforce refused the subscribe (faye parses its `code::message` error). */
export class SubscribeRefusedError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
  ) {
    super(message);
    this.name = 'SubscribeRefusedError';
  }
}

/**
 * True when Salesforce refused the replay id as out of its retention window: events
 * after it are gone, and only a resync (re-reading current state) closes the gap.
 */
export function isRetentionGap(error: unknown): boolean {
  return error instanceof SubscribeRefusedError && /invalid or out of the retention window/i.test(error.message);
}

/** The faye client methods used here (jsforce's bundled typings omit most of them). */
interface FayeClient {
  subscribe(channel: string, listener: (message: CdcEvent) => void): PromiseLike<void>;
  disconnect(): PromiseLike<unknown> | undefined;
  on(event: 'transport:up' | 'transport:down', listener: () => void): void;
  _state?: number;
  _advice?: { reconnect?: string };
}

const FAYE_CONNECTED = 3;
const FAYE_DISCONNECTED = 4;

/**
 * One faye client subscribed to one CDC channel from one replay id. The streaming
 * client keeps the token it was created with, so after a session refresh the owner
 * closes this one and opens another; events reaching a closed subscription are dropped
 * (the new one replays them from the stored replay id).
 */
export class CdcSubscription {
  private closed = false;

  private constructor(
    private readonly client: FayeClient,
    /** The access token the client was created with. */
    readonly token: string,
  ) {}

  /**
   * Creates the client and resolves once Salesforce acknowledged the subscription;
   * rejects with {@link SubscribeRefusedError} when it refused, or on an auth failure
   * or `timeoutMs` without an answer (the client is closed then).
   */
  static open(conn: Connection, channel: string, replayId: number, handlers: SubscriptionHandlers, timeoutMs = 30_000): Promise<CdcSubscription> {
    return new Promise((resolve, reject) => {
      let acked = false;
      const fail = (error: Error) => {
        clearTimeout(timer);
        void subscription.close();
        reject(error);
      };
      const authFailure = new StreamingExtension.AuthFailure((message: { error?: string; ext?: { sfdc?: { failureReason?: string } } }) => {
        const reason = message.ext?.sfdc?.failureReason ?? message.error ?? 'authentication failed';
        if (!acked) fail(new SubscribeRefusedError(`Streaming authentication failed: ${reason}`, 401));
        else if (!subscription.closed) handlers.onLost(`session refused: ${reason}`, true);
      });
      const refusedResubscribe = {
        incoming: (message: { channel?: string; successful?: boolean; error?: string }, callback: (message: unknown) => void) => {
          if (acked && !subscription.closed && message.channel === '/meta/subscribe' && message.successful === false) {
            handlers.onLost(`resubscribe refused: ${message.error ?? 'unknown error'}`, false);
          }
          callback(message);
        },
      };
      const client = conn.streaming.createClient([new StreamingExtension.Replay(channel, replayId), authFailure, refusedResubscribe]) as unknown as FayeClient;
      const subscription = new CdcSubscription(client, conn.accessToken ?? '');
      const timer = setTimeout(() => fail(new Error(`No answer to the CDC subscription within ${timeoutMs} ms`)), timeoutMs);
      client.on('transport:up', () => subscription.closed || handlers.onTransport(true));
      client.on('transport:down', () => subscription.closed || handlers.onTransport(false));
      client.subscribe(channel, (message) => subscription.closed || handlers.onEvent(message)).then(
        () => {
          acked = true;
          clearTimeout(timer);
          resolve(subscription);
        },
        (error: { message?: string; code?: number | null }) => fail(new SubscribeRefusedError(error?.message ?? String(error), error?.code ?? null)),
      );
    });
  }

  /**
   * Stops the client for good: a connected one says `/meta/disconnect` (Salesforce then
   * answers its held connect at once); one still handshaking is told never to retry,
   * so no timer outlives it.
   */
  async close(timeoutMs = 2000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const pending = this.client._state === FAYE_CONNECTED ? this.client.disconnect() : undefined;
    this.client._advice = { ...this.client._advice, reconnect: 'none' };
    if (this.client._state !== FAYE_CONNECTED) this.client._state = FAYE_DISCONNECTED;
    if (!pending) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      pending.then(done, done);
    });
  }
}
