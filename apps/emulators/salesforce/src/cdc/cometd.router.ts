import express, { Request, Response, Router } from 'express';
import type { Logger } from '@strata/logging';
import type { SessionValidator } from '../auth/session.types';
import type { ChangeEventLog } from './change-event.types';
import { parseBayeuxBody } from './bayeux-body.parser';
import { authenticateCometd, authFailureReplies } from './cometd.auth';
import { BayeuxRequest, failureReply } from './cometd.messages';
import { CometdService } from './cometd.service';

/** How long real orgs keep change events replayable. */
export const DEFAULT_RETENTION_MS = 72 * 60 * 60 * 1000;
/** Salesforce holds a `/meta/connect` for 110 s when nothing happens. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 110_000;

/** Paths the router answers; jsforce builds `/cometd/<version>` from `instance_url` (and `/cometd/replay/36.0` for one old case). */
export const COMETD_PATHS = ['/cometd/:version', '/cometd/replay/:version'];

/** What the CometD endpoint needs from the rest of the emulator. */
export interface CometdRouterDeps {
  /** The durable change-event log to stream from; its `onAppend` wakes held connects. */
  log: ChangeEventLog;
  /** Resolves `Authorization: OAuth <token>` on every POST. */
  sessions: SessionValidator;
  logger: Logger;
  /** Events older than this are not delivered, on top of the log's own retention. Default 72 h. */
  retentionMs?: number;
  /** How long a connect is held when no event arrives; advertised in `advice.timeout`. Default 110 s. */
  connectTimeoutMs?: number;
  /** Clients not heard from for this long are forgotten. Default 2 x `connectTimeoutMs`. */
  clientExpiryMs?: number;
  /** Optional check that `/data/<Entity>ChangeEvent` names an object of the org. */
  isKnownEntity?: (entityName: string) => boolean;
}

/** The mounted router plus the handles the app's admin switches and shutdown need. */
export interface CometdEndpoint {
  /** Mount with `app.use(router)`; it answers `POST /cometd/:version` and `POST /cometd/replay/:version`. */
  router: Router;
  /** The admin fault "drop all streaming clients": connected clients meet `403::Unknown client` next. */
  dropAllClients(): void;
  /** Known (handshaken, not yet expired or disconnected) clients, for tests and the admin endpoint. */
  clientCount(): number;
  /** Answers held connects and releases the log listener and timers; call on shutdown. */
  close(): void;
}

/**
 * The Change Data Capture streaming endpoint of the org emulator: Bayeux long polling
 * as Salesforce's CometD server speaks it, so jsforce's unmodified streaming client
 * (faye) handshakes, subscribes with replay ids and receives change events as it
 * would from a real org. Invalid sessions get HTTP 401 with a Bayeux body (see
 * `authFailureReplies`); the router reads its own body because faye may post JSON or
 * a `message=` form.
 */
export function createCometdRouter(deps: CometdRouterDeps): CometdEndpoint {
  const connectTimeoutMs = deps.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const service = new CometdService({
    log: deps.log,
    logger: deps.logger,
    connectTimeoutMs,
    retentionMs: deps.retentionMs ?? DEFAULT_RETENTION_MS,
    clientExpiryMs: deps.clientExpiryMs ?? 2 * connectTimeoutMs,
    isKnownEntity: deps.isKnownEntity,
  });
  const router = Router();
  const readBody = express.text({ type: () => true, limit: '1mb' });
  router.post(COMETD_PATHS, readBody, async (req, res) => {
    await answer(req, res, deps, service);
  });
  return {
    router,
    dropAllClients: () => void service.dropAllClients(),
    clientCount: () => service.clientCount(),
    close: () => service.close(),
  };
}

async function answer(req: Request, res: Response, deps: CometdRouterDeps, service: CometdService): Promise<void> {
  const messages = parseBayeuxBody(req.body, req.headers['content-type']);
  if (!messages) {
    res.status(400).json([{ successful: false, error: '400::Bad request: expected Bayeux messages' }]);
    return;
  }
  try {
    const auth = await authenticateCometd(req.headers.authorization, deps.sessions);
    if (!auth.ok) {
      deps.logger.debug('cometd: refused request', { reason: auth.failureReason });
      res.status(401).json(authFailureReplies(messages, auth.failureReason));
      return;
    }
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const replies = await service.handle(messages, auth.session, gone.signal);
    if (!gone.signal.aborted) res.json(replies);
  } catch (error) {
    deps.logger.error('cometd: request failed', { error });
    if (!res.headersSent) res.status(500).json(serverErrorReplies(messages));
  }
}

/** Bayeux-shaped 500s, so faye settles each request and retries by its advice instead of timing out. */
function serverErrorReplies(messages: BayeuxRequest[]) {
  return messages.map((message) => failureReply(message, '500::Internal server error', { reconnect: 'retry', interval: 1000 }));
}
