import { Connection } from 'jsforce';
import { createLogger } from '@strata/logging';
import { Database, openDatabase } from '@strata/persistence';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../app';
import { resolveAuthConfig, SessionStore } from '../auth';
import { loadOrgSchema } from '../schema/org-schema.loader';
import { RecordStore } from '../store/record-store';

export const CREDENTIALS = {
  clientId: 'strata-local-client',
  clientSecret: 'strata-local-secret',
  username: 'integration@strata.local',
  password: 'strata-local-password',
};

/** The whole emulator in-process on a free port, over an in-memory PGlite. */
export async function startEmulator(options: { sessionLifetimeMs?: number; cometdTimeoutMs?: number } = {}) {
  const db: Database = await openDatabase();
  const logger = createLogger({ service: 'emulators-salesforce', silent: true });
  const store = await RecordStore.open(db, loadOrgSchema());
  const lifetimeMs = options.sessionLifetimeMs ?? 3600_000;
  const sessions = await SessionStore.open(db, { lifetimeMs });
  // The token response must name the instance URL, which needs the port: listen first.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const auth = resolveAuthConfig({ ...CREDENTIALS, userId: '005000000000001AAA', orgId: '00D000000000001AAA', sessionLifetimeMs: lifetimeMs, instanceUrl: url });
  const service = createApp({ logger, store, sessions, auth, cometdTimeoutMs: options.cometdTimeoutMs ?? 2000 });
  server.on('request', service.app);
  return {
    url,
    store,
    sessions,
    service,
    /** A jsforce connection logged in with the password flow, as the System API does it. */
    login: async (client?: string) => {
      const conn = new Connection({ oauth2: { loginUrl: url, clientId: CREDENTIALS.clientId, clientSecret: CREDENTIALS.clientSecret }, version: '58.0', ...(client ? { callOptions: { client } } : {}) });
      await conn.login(CREDENTIALS.username, CREDENTIALS.password);
      return conn;
    },
    admin: (path: string, init: RequestInit = {}) => fetch(`${url}/__admin${path}`, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } }),
    close: async () => {
      service.cometd.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.close();
    },
  };
}
