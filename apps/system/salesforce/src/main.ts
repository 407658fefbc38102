import { mkdirSync } from 'node:fs';
import { createLogger } from '@strata/logging';
import { openDatabase } from '@strata/persistence';
import { loadConfig, startService } from '@strata/service-kit';
import { createApp } from './app';
import { configSchema } from './config';
import { CdcChangeFeed } from './features/changes/cdc-change-feed';
import { connectWhenReachable } from './salesforce/salesforce.connection';
import { serviceTokensFromConfig } from '@strata/service-auth';

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, 'system-salesforce');
  const logger = createLogger({
    service: 'system-salesforce',
    level: config.LOG_LEVEL,
    personalDataFields: ['email', 'phone', 'mobilePhone', 'birthDate', 'firstName', 'lastName'],
  });
  const conn = await connectWhenReachable(
    {
      loginUrl: config.SALESFORCE_LOGIN_URL,
      clientId: config.SALESFORCE_CLIENT_ID,
      clientSecret: config.SALESFORCE_CLIENT_SECRET,
      username: config.SALESFORCE_USERNAME,
      password: config.SALESFORCE_PASSWORD,
      jwtPrivateKey: config.SALESFORCE_JWT_PRIVATE_KEY,
      apiVersion: config.SALESFORCE_API_VERSION,
      clientName: config.SALESFORCE_CLIENT_NAME,
    },
    logger,
  );
  if (!config.DATABASE_URL) mkdirSync(config.DATA_DIR, { recursive: true });
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const feed = new CdcChangeFeed({
    conn: () => conn,
    db,
    logger,
    selfClient: config.SALESFORCE_CLIENT_NAME,
    isDraining: () => service.lifecycle.isDraining(),
    customers: () => service.customers,
  });
  const service = createApp({
    serviceTokens: serviceTokensFromConfig(config, 'system-salesforce').verifier,
    logger,
    salesforce: () => conn,
    changes: feed,
    production: config.NODE_ENV === 'production',
    allowancePauseSeconds: config.SALESFORCE_ALLOWANCE_PAUSE_SECONDS,
    checks: {
      database: () => db.query('SELECT 1'),
      streaming: async () => {
        // A standby replica serves reads while another holds the subscription: that is ready too.
        if (feed.role() === 'stopped' || (feed.role() === 'streaming' && !feed.isStreaming())) throw new Error('The CDC subscription is not live');
      },
    },
  });
  feed.useMetrics(service.metrics.registry);
  await feed.start();
  await startService(service, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    handleSignals: true,
    closeables: [
      { name: 'change-feed', close: () => feed.stop() },
      { name: 'salesforce-breaker', close: () => service.close() },
      { name: 'database', close: () => db.close() },
    ],
  });
}

void main();
