import { mkdirSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { PolledChangeFeed } from '@strata/change-feed';
import { createLogger } from '@strata/logging';
import { openDatabase } from '@strata/persistence';
import { createHttpMetrics, loadConfig, startService } from '@strata/service-kit';
import { createApp } from './app';
import { configSchema } from './config';
import { LoanFileSource } from './features/changes/loan-file.source';
import { RequestStore } from './features/requests/request.store';
import { ExchangeFolder } from './mainframe/exchange-folder';
import { serviceTokensFromConfig } from '@strata/service-auth';

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, 'system-loan-mainframe');
  const logger = createLogger({
    service: 'system-loan-mainframe',
    level: config.LOG_LEVEL,
    personalDataFields: ['email', 'phone', 'birthDate', 'firstName', 'lastName', 'raw'],
  });
  if (!config.DATABASE_URL) mkdirSync(config.DATA_DIR, { recursive: true });
  for (const dir of [config.LOAN_OUTBOUND_DIR, config.LOAN_INBOUND_DIR]) mkdirSync(dir, { recursive: true });
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const metrics = createHttpMetrics('system-loan-mainframe');
  const feed = new PolledChangeFeed({
    db,
    source: new LoanFileSource(new ExchangeFolder(config.LOAN_OUTBOUND_DIR)),
    logger,
    registry: metrics.registry,
    intervalMs: config.LOAN_POLL_INTERVAL_MS,
  });
  await feed.start();
  const requests = await RequestStore.open(db);
  const service = createApp({
    serviceTokens: serviceTokensFromConfig(config, 'system-loan-mainframe').verifier,
    logger,
    db,
    feed,
    requests,
    metrics,
    inboundDir: config.LOAN_INBOUND_DIR,
    outboundDir: config.LOAN_OUTBOUND_DIR,
    statusUrl: config.LOAN_MAINFRAME_ADMIN_URL || undefined,
    maxWaitSeconds: config.LOAN_MAX_WAIT_SECONDS,
    breaker: { consecutiveFailures: config.LOAN_BREAKER_FAILURES, resetTimeoutMs: config.LOAN_BREAKER_RESET_MS },
    production: config.NODE_ENV === 'production',
    checks: {
      database: () => db.query('SELECT 1'),
      exchange: () => access(config.LOAN_OUTBOUND_DIR),
    },
  });
  await startService(service, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    handleSignals: true,
    closeables: [
      { name: 'change-feed', close: () => feed.stop() },
      { name: 'mainframe-breaker', close: () => service.close() },
      { name: 'database', close: () => db.close() },
    ],
  });
}

void main();
