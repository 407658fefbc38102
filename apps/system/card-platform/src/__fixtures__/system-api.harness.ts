import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as soap from 'soap';
import { PolledChangeFeed } from '@strata/change-feed';
import { createLogger } from '@strata/logging';
import { openDatabase, tryAcquireLease } from '@strata/persistence';
import { createHttpMetrics } from '@strata/service-kit';
import { type AppProcess, startAppProcess } from '@strata/testing';
import { createApp } from '../app';
import { CardPlatformBreaker, type CardPlatformBreakerOptions } from '../card-platform/card-platform.breaker';
import { CardPlatformClient } from '../card-platform/card-platform.client';
import { CardholderSnapshotSource, type SnapshotPosition } from '../features/changes/snapshot.source';
import { asServiceCaller, testServiceVerifier } from '@strata/service-auth/testing';

export interface HarnessOptions {
  /** SEED_PEOPLE of the emulator (about 72 % become cardholders). */
  people?: number;
  breaker?: CardPlatformBreakerOptions;
  pageSize?: number;
}

/** The real card platform emulator as its own process, on a free port over a temp data folder. */
export async function startEmulatorProcess(people: number) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cp-emu-'));
  const app: AppProcess = await startAppProcess('apps/emulators/card-platform', { DATA_DIR: dataDir, SEED_PEOPLE: String(people) }, { timeoutMs: 60_000 });
  const admin = async (pathname: string, method = 'POST', body?: unknown) => {
    const res = await fetch(`${app.url}/__admin${pathname}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`admin ${method} ${pathname} answered ${res.status}: ${await res.text()}`);
    return res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>);
  };
  /** A plain SOAP client on the emulator: "someone else" changing the platform. */
  const soapClient = async () => {
    const client = await soap.createClientAsync(`${app.url}/cardholders/v1?wsdl`);
    client.setEndpoint(`${app.url}/cardholders/v1`);
    return client;
  };
  return {
    process: app,
    url: app.url,
    admin,
    soapClient,
    count: async () => Number((await admin('/cardholders/count', 'GET'))?.['count']),
    close: async () => {
      await app.stop('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The System API in-process over the real emulator process, its feed on PGlite in a
 * temp folder. The harness holds the feed's lease itself so the background loop never
 * polls: tests run passes with `feed.drain()` and see exactly what each pass did.
 */
export async function startSystemApi(options: HarnessOptions = {}) {
  const emulator = await startEmulatorProcess(options.people ?? 40);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cp-system-'));
  const db = await openDatabase({ dataDir });
  const lease = await tryAcquireLease(db, 'change-feed:card-platform-snapshot');
  const logger = createLogger({ service: 'system-card-platform', silent: true });
  const breaker = new CardPlatformBreaker(logger, options.breaker);
  const platform = new CardPlatformClient({ baseUrl: emulator.url, breaker });
  const metrics = createHttpMetrics('system-card-platform');
  const feed = new PolledChangeFeed<SnapshotPosition>({
    db,
    source: new CardholderSnapshotSource(platform, options.pageSize ?? 1000),
    logger,
    registry: metrics.registry,
    intervalMs: 60_000,
  });
  await feed.start();
  const service = createApp({ serviceTokens: testServiceVerifier('system-card-platform'), logger, platform, breaker, feed, metrics, checks: { database: () => db.query('SELECT 1') } });
  return {
    /** The API as a Strata service calls it (with a service token), for route tests. */
    app: asServiceCaller(service.app, 'system-card-platform'),
    /** The API as anyone else reaches it: no token. */
    bareApp: service.app,
    emulator,
    feed,
    platform,
    close: async () => {
      await feed.stop();
      await lease?.release();
      breaker.shutdown();
      await db.close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
