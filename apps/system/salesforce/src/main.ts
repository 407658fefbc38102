import { mkdirSync } from 'node:fs';
import { createLogger } from '@strata/logging';
import { openDatabase } from '@strata/persistence';
import { loadConfig, startService } from '@strata/service-kit';
import { createApp } from './app';
import { configSchema } from './config';
import { CdcChangeFeed } from './features/changes/cdc-change-feed';
import { openSalesforceConnection } from './salesforce/salesforce.connection';
import { SalesforceLink } from './salesforce/salesforce.link';
import { serviceTokensFromConfig } from '@strata/service-auth';

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, 'system-salesforce');
  const logger = createLogger({
    service: 'system-salesforce',
    level: config.LOG_LEVEL,
    personalDataFields: ['email', 'phone', 'mobilePhone', 'birthDate', 'firstName', 'lastName'],
  });
  const settings = {
    loginUrl: config.SALESFORCE_LOGIN_URL,
    clientId: config.SALESFORCE_CLIENT_ID,
    clientSecret: config.SALESFORCE_CLIENT_SECRET,
    username: config.SALESFORCE_USERNAME,
    password: config.SALESFORCE_PASSWORD,
    jwtPrivateKey: config.SALESFORCE_JWT_PRIVATE_KEY,
    apiVersion: config.SALESFORCE_API_VERSION,
    clientName: config.SALESFORCE_CLIENT_NAME,
  };
  // Logged in after listening: an org slow to come up leaves the API not ready, never dead.
  const link = new SalesforceLink({ open: () => openSalesforceConnection(settings, logger), logger, loginUrl: settings.loginUrl, maxDelayMs: config.SALESFORCE_LOGIN_RETRY_MAX_SECONDS * 1000 });
  if (!config.DATABASE_URL) mkdirSync(config.DATA_DIR, { recursive: true });
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const feed = new CdcChangeFeed({
    conn: () => link.connection(),
    db,
    logger,
    selfClient: config.SALESFORCE_CLIENT_NAME,
    isDraining: () => service.lifecycle.isDraining(),
    customers: () => service.customers,
  });
  const service = createApp({
    serviceTokens: serviceTokensFromConfig(config, 'system-salesforce').verifier,
    logger,
    salesforce: () => link.connection(),
    connection: link,
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
  const running = await startService(service, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    handleSignals: true,
    closeables: [
      { name: 'salesforce-login', close: () => link.stop() },
      { name: 'change-feed', close: () => feed.stop() },
      { name: 'salesforce-breaker', close: () => service.close() },
      { name: 'database', close: () => db.close() },
    ],
  });
  /** Waiting cannot fix these: say so plainly, shut down in order, and exit non-zero. */
  const giveUp = async (message: string, error: unknown) => {
    logger.error(message, { error, loginUrl: settings.loginUrl });
    await running.shutdown(message);
    process.exit(1);
  };
  const conn = await link.connect().catch((error: unknown) =>
    giveUp('salesforce refused the login; check SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET, SALESFORCE_USERNAME and SALESFORCE_PASSWORD or SALESFORCE_JWT_PRIVATE_KEY; exiting', error),
  );
  if (conn && !service.lifecycle.isDraining()) await feed.start().catch((error: unknown) => giveUp('the change feed could not start; exiting', error));
}

void main();
