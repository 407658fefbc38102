import { createServer } from 'node:http';
import { PassThrough } from 'node:stream';
import express from 'express';
import { createLogger } from '@strata/logging';
import { createServiceApp, type BreakerState } from '@strata/service-kit';
import { freePort, listenOnFreePort, type ListeningServer } from '@strata/testing';

/** A quiet logger for the fakes and the portal under test. */
export const silentLogger = () => createLogger({ service: 'portal-test', stream: new PassThrough(), level: 'error' });

export interface FakeAppOptions {
  /** Whether its one readiness check passes; changeable between probes. */
  ready?: boolean;
  breakers?: BreakerState[];
  /** Served as /openapi.json when given. */
  openApi?: Record<string, unknown>;
  /** Served as customer-sync's GET /v1/status when given. */
  syncHealth?: unknown;
}

export interface FakeApp extends ListeningServer {
  options: FakeAppOptions;
  /** Requests seen, with their authorization header. */
  requests: { path: string; authorization?: string }[];
}

/** A real service-kit app (health, breakers, problem+json) standing in for any watched app. */
export async function startFakeApp(options: FakeAppOptions = {}): Promise<FakeApp> {
  const state: FakeAppOptions = { ready: true, ...options };
  const requests: FakeApp['requests'] = [];
  const routes = express.Router();
  routes.get('/openapi.json', (_req, res, next) => (state.openApi ? res.json(state.openApi) : next()));
  routes.get('/v1/status', (_req, res, next) => (state.syncHealth ? res.json(state.syncHealth) : next()));
  const { app } = createServiceApp({
    name: 'fake',
    logger: silentLogger(),
    checks: { database: async () => { if (!state.ready) throw new Error('database refused the connection'); } },
    breakers: () => state.breakers ?? [],
    before: [],
    routes,
  });
  const outer = express();
  outer.use((req, _res, next) => {
    requests.push({ path: req.path, authorization: req.headers.authorization });
    next();
  });
  outer.use(app);
  const server = await listenOnFreePort(outer);
  return { ...server, options: state, requests };
}

/** Accepts connections and never answers: an app stuck in a loop or a dead proxy. */
export async function startHangingApp(): Promise<ListeningServer> {
  return listenOnFreePort(createServer(() => undefined));
}

/** A URL where nothing listens. */
export async function unreachableUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}

/** customer-sync's `GET /v1/status` as its contract describes it. */
export const SYNC_HEALTH = {
  sources: [
    { system: 'salesforce', lagSeconds: 0, consuming: true, lastReadAt: '2026-03-01T10:00:00.000Z', lastError: null },
    { system: 'card-platform', lagSeconds: 42, consuming: false, lastReadAt: null, lastError: 'card-platform: connection failed: ECONNREFUSED' },
  ],
  targets: [
    { system: 'core-banking', outboxDepth: 3, delivered: 120, oldestPendingSeconds: 5, deadLetters: 1, breaker: 'open', lastError: 'core-banking answered 503' },
  ],
  openReviews: 2,
};
