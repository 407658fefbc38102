import type { Logger } from '@strata/logging';
import type { ChangeEventLog, StoredChangeEvent } from './change-event.types';
import type { BayeuxClient, Delivery, HeldConnect, PulledEvents } from './bayeux-client.registry';
import { toEventMessage } from './change-event.channels';
import { BayeuxReply, BayeuxRequest, replyTo, retryAdvice } from './cometd.messages';

const NOTHING: PulledEvents = { deliveries: [], rewind: () => undefined };

/** What the coordinator needs; `now` is injectable so expiry and retention are testable. */
export interface LongPollOptions {
  log: ChangeEventLog;
  connectTimeoutMs: number;
  retentionMs: number;
  now: () => number;
  logger: Logger;
}

/**
 * Answers `/meta/connect` the way Salesforce does: the first connect of a client and
 * any connect with `advice.timeout: 0` (faye sets it when a connect shares a POST
 * with other messages) at once; later ones as soon as events exist for the client's
 * subscriptions, or empty when the timeout passes. Events come first in the reply
 * array, followed by the connect reply.
 */
export class LongPollCoordinator {
  constructor(private readonly options: LongPollOptions) {}

  /** The events (if any) and the connect reply for `message`; resolves when the connect is done being held. */
  async connect(client: BayeuxClient, message: BayeuxRequest, signal: AbortSignal): Promise<BayeuxReply[]> {
    client.lastSeenAt = this.options.now();
    client.held?.finish();
    const immediate = !client.connected || message.advice?.timeout === 0;
    client.connected = true;
    // The hold is registered inside the exclusive step but awaited outside it, so a
    // wake-up queued behind this step can answer it.
    const outcome = await client.exclusive(async (): Promise<{ now: PulledEvents } | { later: Promise<PulledEvents> }> => {
      const pulled = await this.pull(client);
      if (pulled.deliveries.length > 0 || immediate || signal.aborted) return { now: pulled };
      return { later: this.hold(client, signal) };
    });
    const pulled = 'now' in outcome ? outcome.now : await outcome.later;
    if (signal.aborted) pulled.rewind();
    const events = pulled.deliveries.map((delivery) => toEventMessage(delivery.channel, delivery.event));
    return [...events, replyTo(message, { successful: true, advice: retryAdvice(this.options.connectTimeoutMs) })];
  }

  /**
   * Called with what a commit appended: each client holding a connect whose
   * subscriptions want one of those entities reads the log from its cursors and, if
   * it found something, answers its connect. The events themselves are not trusted
   * as the delivery source, so nothing is lost between connects.
   */
  wake(clients: BayeuxClient[], appended: StoredChangeEvent[]): void {
    const entities = new Set(appended.map((event) => event.entityName));
    for (const client of clients) {
      if (client.held && client.wantsAny(entities)) this.nudge(client);
    }
  }

  /** Makes a held connect look at the log again, e.g. after a `-2` subscription added retained events. */
  nudge(client: BayeuxClient): void {
    client.exclusive(() => this.answerHeld(client)).catch((error: unknown) => {
      this.options.logger.warn('cometd: could not read change events for a held connect', { clientId: client.id, error });
    });
  }

  /** Answers a client's held connect with no events (disconnect, drop, shutdown). */
  release(client: BayeuxClient): void {
    client.held?.finish();
  }

  private async answerHeld(client: BayeuxClient): Promise<void> {
    const held = client.held;
    if (!held) return;
    const pulled = await this.pull(client);
    if (pulled.deliveries.length === 0) return;
    if (client.held === held) held.finish(pulled);
    else pulled.rewind();
  }

  private async pull(client: BayeuxClient): Promise<PulledEvents> {
    const retainedSince = new Date(this.options.now() - this.options.retentionMs);
    const deliveries: Delivery[] = [];
    const marks: Array<() => void> = [];
    for (const subscription of client.subscriptions.values()) {
      const from = subscription.lastReplayId;
      const events = await subscription.pull(this.options.log, { retainedSince });
      if (events.length === 0) continue;
      marks.push(() => subscription.rewindTo(from));
      for (const event of events) deliveries.push({ channel: subscription.channel, event });
    }
    deliveries.sort((a, b) => a.event.replayId - b.event.replayId);
    return { deliveries, rewind: () => marks.forEach((rewind) => rewind()) };
  }

  /** Registers the client's one held connect; it ends with events, at the timeout, or when the request goes away. */
  private hold(client: BayeuxClient, signal: AbortSignal): Promise<PulledEvents> {
    return new Promise<PulledEvents>((resolve) => {
      const end = (pulled: PulledEvents = NOTHING): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', held.abandon);
        if (client.held === held) client.held = undefined;
        client.lastSeenAt = this.options.now();
        resolve(pulled);
      };
      const held: HeldConnect = { finish: end, abandon: () => end() };
      const timer = setTimeout(() => end(), this.options.connectTimeoutMs);
      client.held = held;
      signal.addEventListener('abort', held.abandon, { once: true });
    });
  }
}
