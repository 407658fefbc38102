import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from 'jsforce';
import request from 'supertest';
import type { RequestListener } from 'node:http';
import { createLogger } from '@strata/logging';
import { openDatabase, type Database } from '@strata/persistence';
import { AppProcess, freeStablePort, startAppProcess } from '@strata/testing';
import { createApp } from '../../../app';
import { openSalesforceConnection } from '../../../salesforce/salesforce.connection';
import { CdcChangeFeed, type CdcChangeFeedOptions } from '../cdc-change-feed';
import type { FeedChange } from '../change-feed.types';
import { asServiceCaller, testServiceHeader, testServiceVerifier } from '@strata/service-auth/testing';

export const SELF_CLIENT = 'strata-system-salesforce';
const CREDENTIALS = { clientId: 'strata-local-client', clientSecret: 'strata-local-secret', username: 'integration@strata.local', password: 'strata-local-password' };

/** The org emulator as its own process over a temp data folder (on `env.PORT` if given), with its admin switches. */
export async function startOrg(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sf-changes-org-'));
  const port = env['PORT'] ?? String(await freeStablePort());
  const launch = () => startAppProcess('apps/emulators/salesforce', { DATA_DIR: dataDir, COMETD_TIMEOUT_MS: '1000', ...env, PORT: port }, { timeoutMs: 90_000 });
  let process_: AppProcess = await launch().catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    url: process_.url,
    /** Stops the org and runs `whileDown` before starting it again on the same port and data. */
    restart: async (whileDown: () => Promise<void> = async () => undefined) => {
      await process_.stop('SIGTERM');
      await whileDown();
      process_ = await launch();
    },
    /** `POST /__admin/<pathname>` on the emulator. */
    admin: async (pathname: string) => {
      const res = await fetch(`${process_.url}/__admin${pathname}`, { method: 'POST' });
      if (res.status !== 204) throw new Error(`admin ${pathname} answered ${res.status}`);
    },
    close: async () => {
      await process_.stop('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Someone else writing to the org: a jsforce connection with no client name. */
export async function connectAsOther(orgUrl: string): Promise<Connection> {
  const conn = new Connection({ oauth2: { loginUrl: orgUrl, clientId: CREDENTIALS.clientId, clientSecret: CREDENTIALS.clientSecret }, version: '58.0' });
  await conn.login(CREDENTIALS.username, CREDENTIALS.password);
  return conn;
}

/** The System API in-process on the org, with a started CDC change feed over `db` (in-memory PGlite by default). `FEED_LOGS=1` prints its logs. */
export async function startFeedApi(orgUrl: string, db?: Database, feedOptions: Partial<CdcChangeFeedOptions> = {}) {
  const logger = createLogger({ service: 'system-salesforce', silent: !process.env['FEED_LOGS'], level: 'info' });
  const conn = await openSalesforceConnection({ loginUrl: orgUrl, ...CREDENTIALS, apiVersion: '58.0', clientName: SELF_CLIENT }, logger);
  const database = db ?? (await openDatabase());
  const feed = new CdcChangeFeed({ conn: () => conn, db: database, logger, selfClient: SELF_CLIENT, resyncMarginMs: 0, ...feedOptions });
  const service = createApp({ serviceTokens: testServiceVerifier('system-salesforce'), logger, salesforce: () => conn, changes: feed, checks: { streaming: async () => feed.isStreaming() || Promise.reject(new Error('not streaming')) } });
  feed.useMetrics(service.metrics.registry);
  await feed.start();
  return {
    /** The API as a Strata service calls it (with a service token), for route tests. */
    app: asServiceCaller(service.app, 'system-salesforce'),
    /** The API as anyone else reaches it: no token. */
    bareApp: service.app,
    feed,
    conn,
    db: database,
    /** Stops the feed; closes the database only when this harness opened it. */
    close: async () => {
      await feed.stop();
      if (!db) await database.close();
    },
  };
}

/** Polls until `check` holds, or fails with `what`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Reads the feed from `after` with long polls until `done(changes)` holds, and returns
 * every change read and the cursor to continue from.
 */
export async function readUntil(
  app: RequestListener | string,
  after: string | undefined,
  done: (changes: FeedChange[]) => boolean,
  timeoutMs = 20_000,
): Promise<{ changes: FeedChange[]; nextCursor: string; resynced: boolean[] }> {
  const changes: FeedChange[] = [];
  const resynced: boolean[] = [];
  let cursor = after;
  const deadline = Date.now() + timeoutMs;
  while (!done(changes)) {
    if (Date.now() > deadline) throw new Error(`the feed did not deliver the expected changes; got ${JSON.stringify(changes.map((c) => [c.changeType, c.entityId]))}`);
    const res = await request(app).get('/v1/changes').set(testServiceHeader('system-salesforce')).query({ limit: 500, waitMs: 1000, ...(cursor ? { after: cursor } : {}) });
    if (res.status !== 200) throw new Error(`GET /v1/changes answered ${res.status}: ${JSON.stringify(res.body)}`);
    changes.push(...(res.body.changes as FeedChange[]));
    if (res.body.changes.length > 0) resynced.push(res.body.resynced as boolean);
    cursor = res.body.nextCursor as string;
  }
  return { changes, nextCursor: cursor ?? '', resynced };
}

/** The cursor at the feed's current end, so a test sees only the changes it makes. */
export async function headCursor(app: RequestListener | string): Promise<string | undefined> {
  let cursor: string | undefined;
  for (;;) {
    const res = await request(app).get('/v1/changes').set(testServiceHeader('system-salesforce')).query({ limit: 1000, ...(cursor ? { after: cursor } : {}) });
    if (res.body.changes.length === 0) return res.body.nextCursor as string;
    cursor = res.body.nextCursor as string;
  }
}

/** A last name no other test uses. */
export const uniqueName = (label: string) => `${label}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
