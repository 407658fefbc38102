import type { Logger } from '@strata/logging';
import type { Session } from '../auth/session.types';
import type { ChangeEventLog } from './change-event.types';
import { BayeuxClientRegistry } from './bayeux-client.registry';
import { BayeuxReply, BayeuxRequest, failureReply, META, unknownClientReply } from './cometd.messages';
import { LongPollCoordinator } from './long-poll.coordinator';
import { disconnect, handshake, MetaContext, subscribe, unsubscribe } from './meta-channel.handlers';

/** Settings of the CometD endpoint; see `createCometdRouter` for what each is for. */
export interface CometdServiceOptions {
  log: ChangeEventLog;
  logger: Logger;
  connectTimeoutMs: number;
  retentionMs: number;
  clientExpiryMs: number;
  isKnownEntity?: (entityName: string) => boolean;
  now?: () => number;
}

/**
 * The Bayeux server behind the CometD route, free of HTTP: it takes the messages of
 * one POST and returns the replies, owns the client registry, wakes held connects
 * when the log grows, and expires clients that stopped polling.
 */
export class CometdService {
  private readonly registry = new BayeuxClientRegistry();
  private readonly coordinator: LongPollCoordinator;
  private readonly context: MetaContext;
  private readonly stopListening: () => void;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: CometdServiceOptions) {
    const now = options.now ?? Date.now;
    const { log, logger, connectTimeoutMs, retentionMs } = options;
    this.coordinator = new LongPollCoordinator({ log, logger, connectTimeoutMs, retentionMs, now });
    this.context = {
      log,
      registry: this.registry,
      connectTimeoutMs,
      now,
      isKnownEntity: options.isKnownEntity,
      onSubscribed: (client) => this.coordinator.nudge(client),
      onDisconnected: (client) => this.coordinator.release(client),
    };
    this.stopListening = log.onAppend((events) => this.coordinator.wake(this.registry.all(), events));
    const sweepEveryMs = Math.max(250, Math.min(options.clientExpiryMs / 2, 60_000));
    this.sweeper = setInterval(() => this.expireIdleClients(), sweepEveryMs);
    this.sweeper.unref();
  }

  /**
   * Answers one POST. Connects are handled last, so the replies to a subscribe sent
   * in the same batch never wait behind a held connect.
   */
  async handle(messages: BayeuxRequest[], session: Session, signal: AbortSignal): Promise<BayeuxReply[]> {
    const replies: BayeuxReply[] = [];
    const connects = messages.filter((message) => message.channel === META.connect);
    for (const message of messages) {
      if (message.channel !== META.connect) replies.push(await this.handleOne(message, session));
    }
    for (const message of connects) {
      const client = this.registry.get(message.clientId);
      replies.push(...(client ? await this.coordinator.connect(client, message, signal) : [unknownClientReply(message)]));
    }
    return replies;
  }

  /**
   * The admin fault "drop all streaming clients": every client is forgotten and its
   * held connect answered, so its next connect meets `403::Unknown client` and faye
   * handshakes and resubscribes, as after a Salesforce app-server move.
   */
  dropAllClients(): number {
    const dropped = this.registry.clear();
    for (const client of dropped) this.coordinator.release(client);
    this.options.logger.info('cometd: dropped all streaming clients', { clients: dropped.length });
    return dropped.length;
  }

  /** Clients handshaken and not yet disconnected, dropped or expired. */
  clientCount(): number {
    return this.registry.size;
  }

  /** Stops listening to the log and the expiry timer, and answers every held connect. */
  close(): void {
    this.stopListening();
    clearInterval(this.sweeper);
    for (const client of this.registry.clear()) this.coordinator.release(client);
  }

  private async handleOne(message: BayeuxRequest, session: Session): Promise<BayeuxReply> {
    if (message.channel === META.handshake) return handshake(this.context, message, session);
    if (!message.channel.startsWith('/meta/')) {
      return failureReply(message, `403::Publishing to ${message.channel} is not allowed`);
    }
    const client = this.registry.get(message.clientId);
    if (!client) return unknownClientReply(message);
    client.lastSeenAt = this.context.now();
    switch (message.channel) {
      case META.subscribe:
        return subscribe(this.context, client, message);
      case META.unsubscribe:
        return unsubscribe(client, message);
      case META.disconnect:
        return disconnect(this.context, client, message);
      default:
        return failureReply(message, `400::Unknown meta channel ${message.channel}`);
    }
  }

  private expireIdleClients(): void {
    const expired = this.registry.expireIdle(this.context.now(), this.options.clientExpiryMs);
    if (expired.length > 0) this.options.logger.debug('cometd: expired idle clients', { clients: expired.length });
  }
}
