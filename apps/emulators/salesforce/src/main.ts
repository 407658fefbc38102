import { mkdirSync } from 'node:fs';
import { createLogger } from '@strata/logging';
import { openDatabase } from '@strata/persistence';
import { loadConfig, startService } from '@strata/service-kit';
import { createApp } from './app';
import { resolveAuthConfig, SessionStore } from './auth';
import { configSchema } from './config';
import { loadOrgSchema } from './schema/org-schema.loader';
import { seedOrgIfEmpty } from './seed/seed-org';
import { RecordStore } from './store/record-store';

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, 'emulators-salesforce');
  const logger = createLogger({ service: 'emulators-salesforce', level: config.LOG_LEVEL, personalDataFields: ['Email', 'Phone', 'MobilePhone', 'Birthdate'] });
  mkdirSync(config.DATA_DIR, { recursive: true });
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const auth = resolveAuthConfig({
    clientId: config.SF_CLIENT_ID,
    clientSecret: config.SF_CLIENT_SECRET,
    username: config.SF_USERNAME,
    password: config.SF_PASSWORD,
    userId: config.SF_USER_ID,
    orgId: config.SF_ORG_ID,
    jwtCertificatePem: config.SF_JWT_CERTIFICATE,
    sessionLifetimeMs: config.SF_SESSION_LIFETIME_MS,
    instanceUrl: config.SF_INSTANCE_URL ?? `http://127.0.0.1:${config.PORT}`,
  });
  const store = await RecordStore.open(db, loadOrgSchema(config.ORG_SCHEMA_FILE), { retentionMs: config.CDC_RETENTION_MS });
  const sessions = await SessionStore.open(db, { lifetimeMs: auth.sessionLifetimeMs });
  await seedOrgIfEmpty(store, { people: config.SEED_PEOPLE, seed: config.SEED, logger });
  const service = createApp({ logger, store, sessions, auth, cometdTimeoutMs: config.COMETD_TIMEOUT_MS, retentionMs: config.CDC_RETENTION_MS, production: config.NODE_ENV === 'production' });
  await startService(service, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    handleSignals: true,
    onDrainStart: [() => service.cometd.close()],
    closeables: [{ name: 'database', close: () => db.close() }],
  });
}

void main();
