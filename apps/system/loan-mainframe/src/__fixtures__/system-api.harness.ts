import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PolledChangeFeed } from '@strata/change-feed';
import { createLogger } from '@strata/logging';
import { openDatabase } from '@strata/persistence';
import { createHttpMetrics } from '@strata/service-kit';
import { AppProcess, startAppProcess } from '@strata/testing';
import { createApp } from '../app';
import { LoanFileSource } from '../features/changes/loan-file.source';
import { RequestStore } from '../features/requests/request.store';
import { ExchangeFolder } from '../mainframe/exchange-folder';
import type { MainframeBreakerOptions } from '../mainframe/mainframe.breaker';
import { asServiceCaller, testServiceVerifier } from '@strata/service-auth/testing';

/** Temporary exchange and data folders for one test file; `remove()` deletes them all. */
export function exchangeFolders(prefix: string) {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  const dirs = { root, outbound: path.join(root, 'outbound'), inbound: path.join(root, 'inbound'), emulatorData: path.join(root, 'emulator'), apiData: path.join(root, 'api') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  return { ...dirs, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** The loan mainframe emulator as its own process over `dirs`, seeded with `people`. */
export async function startMainframe(dirs: ReturnType<typeof exchangeFolders>, people = 20): Promise<AppProcess & { admin: AdminCall }> {
  const emulator = await startAppProcess(
    'apps/emulators/loan-mainframe',
    { DATA_DIR: dirs.emulatorData, LOAN_OUTBOUND_DIR: dirs.outbound, LOAN_INBOUND_DIR: dirs.inbound, LOAN_CYCLE_MS: '100', SEED_PEOPLE: String(people) },
    { timeoutMs: 60_000 },
  );
  const admin: AdminCall = async (pathname, method = 'POST', body) => {
    const res = await fetch(`${emulator.url}/__admin${pathname}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
  };
  return Object.assign(emulator, { admin });
}

export type AdminCall = (pathname: string, method?: string, body?: unknown) => Promise<Record<string, unknown>>;

/**
 * The real emulator as a child process, and the System API in-process on top of the
 * same exchange folders, over an in-memory PGlite, exactly as deployed minus the
 * process boundary. The feed polls every 100 ms; tests call `feed.drain()` to be sure.
 */
export async function startSystemApi(options: { breaker?: MainframeBreakerOptions; people?: number } = {}) {
  const dirs = exchangeFolders('loan-system-');
  const emulator = await startMainframe(dirs, options.people);
  const logger = createLogger({ service: 'system-loan-mainframe', silent: true });
  const db = await openDatabase();
  const metrics = createHttpMetrics('system-loan-mainframe');
  const feed = new PolledChangeFeed({ db, source: new LoanFileSource(new ExchangeFolder(dirs.outbound)), logger, registry: metrics.registry, intervalMs: 100 });
  await feed.start();
  const requests = await RequestStore.open(db);
  const service = createApp({ serviceTokens: testServiceVerifier('system-loan-mainframe'),
    logger, db, feed, requests, metrics, inboundDir: dirs.inbound, outboundDir: dirs.outbound, statusUrl: emulator.url, maxWaitSeconds: 5, breaker: options.breaker,
  });
  await feed.drain();
  return {
    /** The API as a Strata service calls it (with a service token), for route tests. */
    app: asServiceCaller(service.app, 'system-loan-mainframe'),
    /** The API as anyone else reaches it: no token. */
    bareApp: service.app,
    feed,
    dirs,
    emulator,
    admin: emulator.admin,
    close: async () => {
      service.close();
      await feed.stop();
      await emulator.stop('SIGTERM');
      await db.close();
      dirs.remove();
    },
  };
}

/** Polls until `check` gives a value, or fails naming what it waited for. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
