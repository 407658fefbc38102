/**
 * Bayeux message shapes as Salesforce's CometD server writes them, and the few reply
 * builders every handler shares. Keeping the wording of errors and advice in one
 * place is what makes faye (inside jsforce) react exactly as it does against a real
 * org: it acts on `advice.reconnect` and parses `error` as `code::message`.
 */

/** The meta channels the emulator answers; anything else is a publish, which CDC refuses. */
export const META = {
  handshake: '/meta/handshake',
  connect: '/meta/connect',
  subscribe: '/meta/subscribe',
  unsubscribe: '/meta/unsubscribe',
  disconnect: '/meta/disconnect',
} as const;

/** The only transport Salesforce offers; faye switches to it after the handshake. */
export const LONG_POLLING = 'long-polling';

/** Server advice; faye copies it into its own state on every reply that carries it. */
export interface BayeuxAdvice {
  reconnect?: 'retry' | 'handshake' | 'none';
  interval?: number;
  timeout?: number;
}

/** A message a client sends; only the fields the emulator reads are typed. */
export interface BayeuxRequest {
  channel: string;
  id?: string;
  clientId?: string;
  version?: string;
  subscription?: unknown;
  connectionType?: string;
  supportedConnectionTypes?: unknown;
  advice?: BayeuxAdvice;
  ext?: Record<string, unknown>;
  data?: unknown;
}

/** A reply or a delivered event, serialised as is into the response array. */
export interface BayeuxReply {
  channel?: string;
  id?: string;
  clientId?: string;
  successful?: boolean;
  error?: string;
  advice?: BayeuxAdvice;
  subscription?: unknown;
  version?: string;
  minimumVersion?: string;
  supportedConnectionTypes?: string[];
  ext?: Record<string, unknown>;
  data?: unknown;
}

/** Echoes what Bayeux says every reply must echo (channel, id, clientId) and adds `fields`. */
export function replyTo(message: BayeuxRequest, fields: BayeuxReply): BayeuxReply {
  const reply: BayeuxReply = { channel: message.channel };
  if (message.id !== undefined) reply.id = message.id;
  if (message.clientId !== undefined) reply.clientId = message.clientId;
  return { ...reply, ...fields };
}

/** A failed reply with Salesforce's `code::message` error text. */
export function failureReply(message: BayeuxRequest, error: string, advice?: BayeuxAdvice): BayeuxReply {
  return replyTo(message, advice ? { successful: false, error, advice } : { successful: false, error });
}

/**
 * What Salesforce answers for a client id it no longer knows (server restart, expiry,
 * the admin "drop all streaming clients" switch). `reconnect: 'handshake'` makes faye
 * forget its client id, handshake again and resubscribe every channel it had.
 */
export function unknownClientReply(message: BayeuxRequest): BayeuxReply {
  return failureReply(message, '403::Unknown client', { interval: 0, reconnect: 'handshake' });
}

/** The advice Salesforce sends with handshake and connect replies: poll again at once, hold up to `timeoutMs`. */
export function retryAdvice(timeoutMs: number): BayeuxAdvice {
  return { interval: 0, timeout: timeoutMs, reconnect: 'retry' };
}
