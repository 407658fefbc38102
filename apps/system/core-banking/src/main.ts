import { mkdirSync } from 'node:fs';
import { PolledChangeFeed } from '@strata/change-feed';
import { createLogger } from '@strata/logging';
import { openDatabase } from '@strata/persistence';
import { createHttpMetrics, loadConfig, startService } from '@strata/service-kit';
import { createApp } from './app';
import { configSchema } from './config';
import { CoreBankingClient } from './core-banking/core-banking.client';
import { OwnWrites } from './core-banking/own-writes';
import { PartyFeedSource } from './features/changes/party-feed.source';
import { serviceTokensFromConfig } from '@strata/service-auth';

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, 'system-core-banking');
  const logger = createLogger({ service: 'system-core-banking', level: config.LOG_LEVEL, personalDataFields: ['email', 'phone', 'birthDate', 'firstName', 'lastName'] });
  const metrics = createHttpMetrics('system-core-banking');
  const bank = new CoreBankingClient(config.CORE_BANKING_URL, {
    logger,
    registry: metrics.registry,
    timeoutMs: config.CORE_BANKING_TIMEOUT_MS,
    resetTimeoutMs: config.CORE_BANKING_BREAKER_RESET_MS,
  });
  if (!config.DATABASE_URL) mkdirSync(config.DATA_DIR, { recursive: true });
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const ownWrites = new OwnWrites();
  const source = new PartyFeedSource({ bank, ownWrites, overlapSeconds: config.FEED_OVERLAP_SECONDS, sweepEveryMs: config.FEED_SWEEP_INTERVAL_MS, pageSize: config.FEED_PAGE_SIZE });
  const feed = new PolledChangeFeed({ db, source, logger, registry: metrics.registry, intervalMs: config.FEED_POLL_INTERVAL_MS });
  await feed.start();
  const service = createApp({
    serviceTokens: serviceTokensFromConfig(config, 'system-core-banking').verifier,
    logger,
    bank,
    feed,
    ownWrites,
    metrics,
    production: config.NODE_ENV === 'production',
    checks: { database: async () => void (await db.query('SELECT 1')) },
  });
  await startService(service, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    handleSignals: true,
    closeables: [
      { name: 'change-feed', close: () => feed.stop() },
      { name: 'core-banking-client', close: () => bank.shutdown() },
      { name: 'database', close: () => db.close() },
    ],
  });
}

void main();
