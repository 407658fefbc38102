import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from 'jsforce';
import { createLogger } from '@strata/logging';
import { AppProcess, startAppProcess } from '@strata/testing';
import { createApp } from '../app';
import type { ChangeFeed } from '../features/changes/change-feed.types';
import type { SalesforceBreakerOptions } from '../salesforce/salesforce.breaker';
import { openSalesforceConnection, SalesforceSettings } from '../salesforce/salesforce.connection';
import { asServiceCaller, testServiceVerifier } from '@strata/service-auth/testing';

/** A change feed that is not under test: answers an empty page. */
export const idleChangeFeed: ChangeFeed = {
  read: async (query) => ({ changes: [], nextCursor: query.after ?? 'start', resynced: false }),
  start: async () => undefined,
  stop: async () => undefined,
  isStreaming: () => true,
};

export const settingsFor = (loginUrl: string): SalesforceSettings => ({
  loginUrl,
  clientId: 'strata-local-client',
  clientSecret: 'strata-local-secret',
  username: 'integration@strata.local',
  password: 'strata-local-password',
  apiVersion: '58.0',
  clientName: 'strata-system-salesforce',
});

/**
 * The real org emulator as its own process, and the System API in-process on top of
 * it through jsforce, exactly as deployed minus the network between them.
 */
export async function startSystemApi(options: { changes?: ChangeFeed; breaker?: SalesforceBreakerOptions; allowancePauseSeconds?: number } = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sf-system-'));
  const emulator: AppProcess = await startAppProcess('apps/emulators/salesforce', { DATA_DIR: dataDir, COMETD_TIMEOUT_MS: '1000' });
  const logger = createLogger({ service: 'system-salesforce', silent: true });
  const conn: Connection = await openSalesforceConnection(settingsFor(emulator.url), logger);
  const service = createApp({ serviceTokens: testServiceVerifier('system-salesforce'), logger, salesforce: () => conn, changes: options.changes ?? idleChangeFeed, breaker: options.breaker,
    // Short, so a test that spends the org's allowance does not pause the tests after it for the deployed 5 minutes.
    allowancePauseSeconds: options.allowancePauseSeconds ?? 2 });
  const admin = async (pathname: string, method = 'POST', body?: unknown) => {
    const res = await fetch(`${emulator.url}/__admin${pathname}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>);
  };
  return {
    /** The API as a Strata service calls it (with a service token), for route tests. */
    app: asServiceCaller(service.app, 'system-salesforce'),
    /** The API as anyone else reaches it: no token. */
    bareApp: service.app,
    emulator,
    conn,
    admin,
    apiUsage: async () => Number((await admin('/faults', 'GET'))?.['apiUsage']),
    close: async () => {
      service.close();
      await emulator.stop('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
