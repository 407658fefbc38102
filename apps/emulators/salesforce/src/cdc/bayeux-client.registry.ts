import { randomBytes } from 'node:crypto';
import type { StoredChangeEvent } from './change-event.types';
import type { ChangeEventSubscription } from './subscription';

/** One event going out on one subscription's channel. */
export interface Delivery {
  channel: string;
  event: StoredChangeEvent;
}

/** Events pulled from the log for one client, and how to put its cursors back if they cannot be sent. */
export interface PulledEvents {
  deliveries: Delivery[];
  rewind(): void;
}

/** A `/meta/connect` waiting for events; `finish` answers it (with events, or none at timeout). */
export interface HeldConnect {
  finish(pulled?: PulledEvents): void;
  /** Forgets the hold without answering: the HTTP request is already gone. */
  abandon(): void;
}

/**
 * One handshaken Bayeux client: its subscriptions, whether it has connected yet, when
 * it was last heard from, and at most one held connect.
 *
 * Everything that reads the log for a client goes through `exclusive`, one step at a
 * time, so a connect arriving and an append waking it never pull the same events
 * twice or register a hold after the wake-up already passed.
 */
export class BayeuxClient {
  readonly id: string;
  readonly userId: string;
  readonly subscriptions = new Map<string, ChangeEventSubscription>();
  /** False until the first `/meta/connect`, which Salesforce answers at once. */
  connected = false;
  lastSeenAt: number;
  held: HeldConnect | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(id: string, userId: string, now: number) {
    this.id = id;
    this.userId = userId;
    this.lastSeenAt = now;
  }

  /** Runs `step` after every step queued before it; a failing step does not block the next. */
  exclusive<T>(step: () => Promise<T>): Promise<T> {
    const run = this.queue.then(step, step);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Whether an append of these entities could answer this client's held connect. */
  wantsAny(entityNames: ReadonlySet<string>): boolean {
    for (const subscription of this.subscriptions.values()) {
      for (const name of entityNames) if (subscription.wants(name)) return true;
    }
    return false;
  }
}

/**
 * The clients the endpoint knows, by id. Forgetting one (expiry, disconnect, the
 * admin drop switch) is what later makes its connects fail with `403::Unknown client`.
 */
export class BayeuxClientRegistry {
  private readonly clients = new Map<string, BayeuxClient>();

  /** A new client with an id shaped like Salesforce's (base-36, about 25 characters). */
  create(userId: string, now: number): BayeuxClient {
    const id = BigInt(`0x${randomBytes(16).toString('hex')}`).toString(36);
    const client = new BayeuxClient(id, userId, now);
    this.clients.set(id, client);
    return client;
  }

  get(id: string | undefined): BayeuxClient | undefined {
    return id === undefined ? undefined : this.clients.get(id);
  }

  remove(id: string): BayeuxClient | undefined {
    const client = this.clients.get(id);
    this.clients.delete(id);
    return client;
  }

  all(): BayeuxClient[] {
    return [...this.clients.values()];
  }

  get size(): number {
    return this.clients.size;
  }

  /** Forgets clients neither holding a connect nor heard from for `maxIdleMs`; returns them. */
  expireIdle(now: number, maxIdleMs: number): BayeuxClient[] {
    const expired = this.all().filter((client) => !client.held && now - client.lastSeenAt > maxIdleMs);
    for (const client of expired) this.clients.delete(client.id);
    return expired;
  }

  /** Forgets every client and returns them, so their held connects can still be answered. */
  clear(): BayeuxClient[] {
    const all = this.all();
    this.clients.clear();
    return all;
  }
}
