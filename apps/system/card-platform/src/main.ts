import { mkdirSync } from 'node:fs';
import { PolledChangeFeed } from '@strata/change-feed';
import { createLogger } from '@strata/logging';
import { openDatabase } from '@strata/persistence';
import { createHttpMetrics, loadConfig, startService } from '@strata/service-kit';
import { createApp } from './app';
import { CardPlatformBreaker } from './card-platform/card-platform.breaker';
import { CardPlatformClient } from './card-platform/card-platform.client';
import { configSchema } from './config';
import { CardholderSnapshotSource } from './features/changes/snapshot.source';
import { serviceTokensFromConfig } from '@strata/service-auth';

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, 'system-card-platform');
  const logger = createLogger({
    service: 'system-card-platform',
    level: config.LOG_LEVEL,
    personalDataFields: ['email', 'phone', 'birthDate', 'firstName', 'lastName', 'street'],
  });
  if (!config.DATABASE_URL) mkdirSync(config.DATA_DIR, { recursive: true });
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const breaker = new CardPlatformBreaker(logger, { timeoutMs: config.CARD_PLATFORM_TIMEOUT_MS });
  const platform = new CardPlatformClient({ baseUrl: config.CARD_PLATFORM_URL, breaker });
  const metrics = createHttpMetrics('system-card-platform');
  const feed = new PolledChangeFeed({
    db,
    source: new CardholderSnapshotSource(platform, config.SNAPSHOT_PAGE_SIZE),
    logger,
    registry: metrics.registry,
    intervalMs: config.SNAPSHOT_INTERVAL_MS,
    quietIntervalMs: config.SNAPSHOT_QUIET_INTERVAL_MS,
  });
  const service = createApp({
    serviceTokens: serviceTokensFromConfig(config, 'system-card-platform').verifier,
    logger,
    platform,
    breaker,
    feed,
    metrics,
    production: config.NODE_ENV === 'production',
    checks: { database: () => db.query('SELECT 1') },
  });
  await feed.start();
  await startService(service, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    handleSignals: true,
    // Ends held long polls and the polling loop before draining waits for requests.
    onDrainStart: [() => void feed.stop()],
    closeables: [
      { name: 'change-feed', close: () => feed.stop() },
      { name: 'card-platform-breaker', close: async () => breaker.shutdown() },
      { name: 'database', close: () => db.close() },
    ],
  });
}

void main();
