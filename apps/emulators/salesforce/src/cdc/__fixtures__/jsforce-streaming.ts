import jsforce, { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/lib/api/streaming';

/** The data of a CDC event as a jsforce listener receives it. */
export interface ReceivedChangeEvent {
  schema: string;
  payload: { ChangeEventHeader: { entityName: string; changeType: string }; [field: string]: unknown };
  event: { replayId: number };
}

/** The parts of a faye client (what jsforce's `createClient` returns) the tests use. */
export interface FayeClientLike {
  subscribe(channel: string, listener: (message: ReceivedChangeEvent) => void): FayeSubscriptionLike;
  disconnect(): PromiseLike<unknown> | undefined;
}

/** faye's subscription: a thenable that settles when the server acknowledges or refuses it. */
export interface FayeSubscriptionLike {
  then(ok?: () => void, failed?: (error: { code: number | null; message: string }) => void): Promise<unknown>;
}

export { StreamingExtension };

/** A jsforce connection to the emulator, exactly as the System API builds one. */
export function connectJsforce(instanceUrl: string, accessToken = 'tok'): Connection {
  return new jsforce.Connection({ instanceUrl, accessToken, version: '58.0' });
}

/**
 * `conn.streaming.createClient(extensions)`, typed with the faye methods tests need
 * (jsforce's bundled faye typings omit `disconnect`).
 */
export function createStreamingClient(conn: Connection, extensions: object[]): FayeClientLike {
  return conn.streaming.createClient(extensions) as unknown as FayeClientLike;
}

/** Resolves when faye has the server's subscribe acknowledgement; rejects with faye's parsed error. */
export function acknowledged(subscription: FayeSubscriptionLike): Promise<void> {
  return new Promise((resolve, reject) => {
    void subscription.then(resolve, reject);
  });
}

/** A listener that records what it receives, with arrival times. */
export function recorder() {
  const events: ReceivedChangeEvent[] = [];
  const arrivedAt: number[] = [];
  const listener = (message: ReceivedChangeEvent) => {
    events.push(message);
    arrivedAt.push(performance.now());
  };
  return { events, arrivedAt, listener, replayIds: () => events.map((event) => event.event.replayId) };
}

/** Every faye client jsforce made for `conn.streaming.topic(...)`. */
export function topicClients(conn: Connection): FayeClientLike[] {
  const clients = (conn.streaming as unknown as { _fayeClients: Record<string, FayeClientLike> })._fayeClients;
  return Object.values(clients);
}

/**
 * Sends `/meta/disconnect` for each client, waits for the server's answer (at most
 * `timeoutMs`), then silences the client so jest can exit.
 */
export async function disconnectAll(clients: FayeClientLike[], timeoutMs = 3000): Promise<void> {
  await Promise.all(clients.map((client) => disconnectOne(client, timeoutMs)));
}

function disconnectOne(client: FayeClientLike, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      silence(client);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    const pending = client.disconnect();
    if (pending) pending.then(done, done);
    else done();
  });
}

/**
 * faye retries a failed request every 5 s with no limit, and re-handshakes when told
 * to, so a client caught mid-reconnect when its server closes would keep the test
 * process alive for ever. Advising itself `none` and dropping its transport stops
 * both (faye internals, test-only).
 */
function silence(client: FayeClientLike): void {
  const internals = client as unknown as { _advice?: { reconnect?: string }; _dispatcher?: { close(): void } };
  if (internals._advice) internals._advice.reconnect = 'none';
  internals._dispatcher?.close();
}
