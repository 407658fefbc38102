import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PolledChangeFeed } from '@strata/change-feed';
import { createLogger } from '@strata/logging';
import { openDatabase } from '@strata/persistence';
import { createHttpMetrics } from '@strata/service-kit';
import { AppProcess, startAppProcess } from '@strata/testing';
import { createApp } from '../app';
import { CoreBankingClient, type CoreBankingClientOptions } from '../core-banking/core-banking.client';
import { OwnWrites } from '../core-banking/own-writes';
import { PartyFeedSource } from '../features/changes/party-feed.source';
import { asServiceCaller, testServiceVerifier } from '@strata/service-auth/testing';

export interface HarnessOptions {
  seedPeople?: number;
  client?: CoreBankingClientOptions;
  overlapSeconds?: number;
  /** Default 0: every scan re-reads the whole overlap, as the tests of late re-reads expect. */
  sweepEveryMs?: number;
  pageSize?: number;
  maxUpsertAttempts?: number;
}

/** A party as a bank teller would key it in, straight into the bank (not through the API). */
export const tellerParty = (familyName: string, crmKey?: string) => ({
  externalRefs: crmKey ? [{ scheme: 'CRM', value: crmKey }] : [],
  legalName: { givenNames: 'Ada', familyName },
  birthDate: '19800214',
  contact: { email: `${familyName.toLowerCase()}@example.org`, phone: '+15555550100' },
  address: { line1: '1 Main St', line2: 'Apt 4', line3: 'NY', city: 'Springfield', postcode: '10001', countryCode: 'US' },
  statusCode: 'A',
});

/**
 * The real bank emulator as its own process (temp data folder), and the System API
 * in-process on top of it with its change feed in an in-memory PGlite. The feed is
 * started with a long interval so tests drive polling with `drain()`.
 */
export async function startSystemApi(options: HarnessOptions = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cb-system-'));
  const emulator: AppProcess = await startAppProcess('apps/emulators/core-banking', { DATA_DIR: dataDir, SEED_PEOPLE: String(options.seedPeople ?? 0) }, { timeoutMs: 60_000 });
  const logger = createLogger({ service: 'system-core-banking', silent: true });
  const metrics = createHttpMetrics('system-core-banking');
  const bank = new CoreBankingClient(emulator.url, { logger, registry: metrics.registry, ...options.client });
  const db = await openDatabase();
  const ownWrites = new OwnWrites();
  const source = new PartyFeedSource({ bank, ownWrites, overlapSeconds: options.overlapSeconds ?? 5, sweepEveryMs: options.sweepEveryMs ?? 0, pageSize: options.pageSize ?? 100 });
  const feed = new PolledChangeFeed({ db, source, logger, registry: metrics.registry, intervalMs: 3_600_000 });
  await feed.start();
  const service = createApp({ serviceTokens: testServiceVerifier('system-core-banking'), logger, bank, feed, ownWrites, metrics, maxUpsertAttempts: options.maxUpsertAttempts });
  const call = async (pathname: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${emulator.url}${pathname}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, etag: res.headers.get('etag'), body: res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>) };
  };
  return {
    /** The API as a Strata service calls it (with a service token), for route tests. */
    app: asServiceCaller(service.app, 'system-core-banking'),
    /** The API as anyone else reaches it: no token. */
    bareApp: service.app,
    emulator,
    feed,
    /** Calls the bank emulator directly: `bank('/parties', 'POST', tellerParty('X'))`. */
    bank: call,
    admin: (pathname: string, method = 'PUT', body?: unknown) => call(`/__admin${pathname}`, method, body),
    close: async () => {
      await feed.stop();
      await bank.shutdown();
      await db.close();
      await emulator.stop('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type SystemApi = Awaited<ReturnType<typeof startSystemApi>>;
