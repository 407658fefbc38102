import { mkdirSync } from 'node:fs';
import { createLogger } from '@strata/logging';
import { openDatabase } from '@strata/persistence';
import { loadConfig, startService } from '@strata/service-kit';
import { createApp } from './app';
import { configSchema } from './config';
import { seedPlatform, seedPlatformIfEmpty } from './seed/seed-platform';
import { CardholderStore } from './store/cardholder.store';

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, 'emulators-card-platform');
  const logger = createLogger({
    service: 'emulators-card-platform',
    level: config.LOG_LEVEL,
    personalDataFields: ['FullName', 'DateOfBirth', 'EmailAddress', 'MobileNumber', 'AddrLine1'],
  });
  mkdirSync(config.DATA_DIR, { recursive: true });
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const store = await CardholderStore.open(db);
  const seedSettings = { people: config.SEED_PEOPLE, seed: config.SEED, logger };
  await seedPlatformIfEmpty(store, seedSettings);
  const reseed = async () => {
    await store.clear();
    return seedPlatform(store, seedSettings);
  };
  const service = createApp({ logger, store, reseed, production: config.NODE_ENV === 'production' });
  await startService(service, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    handleSignals: true,
    closeables: [{ name: 'database', close: () => db.close() }],
  });
}

void main();
