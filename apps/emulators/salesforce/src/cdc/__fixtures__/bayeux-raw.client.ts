import type { BayeuxAdvice, BayeuxReply } from '../cometd.messages';
import type { CometdTestServer } from './cometd-test.server';

/**
 * Bayeux by hand, for tests that check the wire: each call is one POST with the
 * messages faye would send, numbered like faye numbers them.
 */
export function rawBayeux(server: CometdTestServer) {
  let nextId = 0;
  const id = () => (++nextId).toString(36);

  async function handshake(): Promise<string> {
    const { replies } = await server.post([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], id: id() }]);
    const clientId = replies[0]?.clientId;
    if (!clientId) throw new Error(`handshake failed: ${JSON.stringify(replies)}`);
    return clientId;
  }

  function subscribeMessage(clientId: string, subscription: string, replay?: unknown) {
    const ext = replay === undefined ? undefined : { replay: { [subscription]: replay } };
    return { channel: '/meta/subscribe', clientId, subscription, id: id(), ext };
  }

  async function subscribe(clientId: string, subscription: string, replay?: unknown): Promise<BayeuxReply> {
    const [reply] = (await server.post([subscribeMessage(clientId, subscription, replay)])).replies;
    if (!reply) throw new Error('no reply to subscribe');
    return reply;
  }

  function connectMessage(clientId: string, advice?: BayeuxAdvice) {
    return { channel: '/meta/connect', clientId, connectionType: 'long-polling', id: id(), ...(advice ? { advice } : {}) };
  }

  /** One `/meta/connect` POST; resolves with every reply in its response (events first). */
  async function connect(clientId: string, advice?: BayeuxAdvice): Promise<BayeuxReply[]> {
    return (await server.post([connectMessage(clientId, advice)])).replies;
  }

  /** Handshake, subscribe, and the first (immediate) connect: a client ready to long-poll. */
  async function subscribedClient(subscription: string, replay?: unknown): Promise<string> {
    const clientId = await handshake();
    const reply = await subscribe(clientId, subscription, replay);
    if (!reply.successful) throw new Error(`subscribe failed: ${reply.error}`);
    await connect(clientId);
    return clientId;
  }

  return { id, handshake, subscribe, subscribeMessage, connect, connectMessage, subscribedClient };
}

/** The replay ids of the events in a connect response. */
export function replayIdsIn(replies: BayeuxReply[]): number[] {
  return replies
    .filter((reply) => reply.data !== undefined)
    .map((reply) => (reply.data as { event: { replayId: number } }).event.replayId);
}
