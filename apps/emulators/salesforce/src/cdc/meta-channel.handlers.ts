import type { Session } from '../auth/session.types';
import type { ChangeEventLog } from './change-event.types';
import type { BayeuxClient, BayeuxClientRegistry } from './bayeux-client.registry';
import { parseChangeEventChannel } from './change-event.channels';
import { BayeuxReply, BayeuxRequest, failureReply, LONG_POLLING, replyTo, retryAdvice } from './cometd.messages';
import { requestedReplayId, resolveReplayStart } from './replay';
import { ChangeEventSubscription } from './subscription';

/** What the meta-channel handlers share with the rest of the endpoint. */
export interface MetaContext {
  log: ChangeEventLog;
  registry: BayeuxClientRegistry;
  connectTimeoutMs: number;
  now: () => number;
  /** Lets the org refuse channels of objects it does not have; without it any well-formed name is accepted. */
  isKnownEntity?: (entityName: string) => boolean;
  /** Called when a subscription may have events to deliver at once (a replay), so a held connect can answer. */
  onSubscribed(client: BayeuxClient): void;
  /** Called when a client leaves, so its held connect is answered. */
  onDisconnected(client: BayeuxClient): void;
}

/**
 * `/meta/handshake`: a new client id, and the capabilities Salesforce announces. The
 * `ext.replay: true` is what switches jsforce's Replay extension on.
 */
export function handshake(context: MetaContext, message: BayeuxRequest, session: Session): BayeuxReply {
  const types = message.supportedConnectionTypes;
  if (Array.isArray(types) && !types.includes(LONG_POLLING)) {
    return failureReply(message, `400::Invalid connection type ${types.join(',')}`, { reconnect: 'none' });
  }
  const client = context.registry.create(session.userId, context.now());
  return replyTo(message, {
    clientId: client.id,
    version: '1.0',
    minimumVersion: '1.0',
    supportedConnectionTypes: [LONG_POLLING],
    successful: true,
    ext: { replay: true, 'payload.format': true },
    advice: retryAdvice(context.connectTimeoutMs),
  });
}

/**
 * `/meta/subscribe` to a CDC channel, starting where `ext.replay` asks. Errors use
 * Salesforce's wording and keep `subscription`, so faye fails that one subscription
 * (its promise rejects) and leaves the client running.
 */
export async function subscribe(context: MetaContext, client: BayeuxClient, message: BayeuxRequest): Promise<BayeuxReply> {
  const channel = message.subscription;
  if (typeof channel !== 'string' || channel === '') return failureReply(message, '400::Channel name not specified');
  const fail = (error: string) => replyTo(message, { successful: false, error, subscription: channel });
  if (!channel.startsWith('/')) return fail("400::Channel subscriptions must start with a leading '/'");
  const target = parseChangeEventChannel(channel);
  const known = target?.entityName === undefined || (context.isKnownEntity?.(target.entityName) ?? true);
  if (!target || !known) return fail(`400::The channel you requested to subscribe to does not exist {${channel}}`);
  const start = await resolveReplayStart(context.log, requestedReplayId(message, channel));
  if (!start.ok) return fail(start.error);
  if (!client.subscriptions.has(channel)) {
    client.subscriptions.set(channel, new ChangeEventSubscription(target, start.after));
    context.onSubscribed(client);
  }
  return replyTo(message, { successful: true, subscription: channel });
}

/** `/meta/unsubscribe`: stops delivery on that channel; unknown channels are not an error, as in CometD. */
export function unsubscribe(client: BayeuxClient, message: BayeuxRequest): BayeuxReply {
  const channel = message.subscription;
  if (typeof channel === 'string') client.subscriptions.delete(channel);
  return replyTo(message, { successful: true, subscription: channel });
}

/** `/meta/disconnect`: forgets the client at once rather than waiting for it to expire. */
export function disconnect(context: MetaContext, client: BayeuxClient, message: BayeuxRequest): BayeuxReply {
  context.registry.remove(client.id);
  context.onDisconnected(client);
  return replyTo(message, { successful: true });
}
