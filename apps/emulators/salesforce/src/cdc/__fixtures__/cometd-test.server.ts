import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@strata/logging';
import { createServiceApp } from '@strata/service-kit';
import { CometdRouterDeps, createCometdRouter } from '../cometd.router';
import type { BayeuxReply, BayeuxRequest } from '../cometd.messages';
import { FakeSessionValidator } from './fake-session.validator';
import { InMemoryChangeEventLog } from './in-memory-change-event.log';

/** The token the fake validator accepts. */
export const VALID_TOKEN = 'tok';

/** A raw CometD response: status and the Bayeux replies in its body. */
export interface RawReply {
  status: number;
  replies: BayeuxReply[];
}

/**
 * The CometD router inside a real service app (so the global `express.json()` runs
 * first, as in the emulator), listening on a free loopback port, over an in-memory
 * log and a fake session validator.
 */
export async function startCometdServer(overrides: Partial<CometdRouterDeps> = {}) {
  const log = new InMemoryChangeEventLog();
  const sessions = new FakeSessionValidator(VALID_TOKEN);
  const logger = createLogger({ service: 'cometd-test', silent: true });
  const endpoint = createCometdRouter({ log, sessions, logger, connectTimeoutMs: 3000, ...overrides });
  const { app } = createServiceApp({ name: 'cometd-test', logger, routes: endpoint.router });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** POSTs Bayeux messages as faye does (JSON array, OAuth header). */
  async function post(messages: BayeuxRequest[] | string, init: { token?: string | null; contentType?: string; path?: string; signal?: AbortSignal } = {}): Promise<RawReply> {
    const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json' };
    if (init.token !== null) headers['authorization'] = `OAuth ${init.token ?? VALID_TOKEN}`;
    const body = typeof messages === 'string' ? messages : JSON.stringify(messages);
    const res = await fetch(`${url}${init.path ?? '/cometd/58.0'}`, { method: 'POST', headers, body, signal: init.signal });
    return { status: res.status, replies: (await res.json()) as BayeuxReply[] };
  }

  async function close(): Promise<void> {
    endpoint.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  return { log, sessions, endpoint, url, post, close };
}

/** A running test server, as `startCometdServer` returns it. */
export type CometdTestServer = Awaited<ReturnType<typeof startCometdServer>>;

/** Polls `check` until it holds, failing with `what` after `timeoutMs` (tolerant: the CI box has two shared cores). */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
