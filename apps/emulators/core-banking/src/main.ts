import { mkdirSync } from 'node:fs';
import { createLogger } from '@strata/logging';
import { openDatabase } from '@strata/persistence';
import { loadConfig, startService } from '@strata/service-kit';
import { createApp } from './app';
import { configSchema } from './config';
import { seedBankIfEmpty } from './seed/seed-bank';
import { PartyStore } from './store/party.store';

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, 'emulators-core-banking');
  const logger = createLogger({ service: 'emulators-core-banking', level: config.LOG_LEVEL, personalDataFields: ['birthDate', 'email', 'phone', 'givenNames', 'familyName'] });
  mkdirSync(config.DATA_DIR, { recursive: true });
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const store = await PartyStore.open(db);
  const seed = { people: config.SEED_PEOPLE, seed: config.SEED, logger };
  await seedBankIfEmpty(store, seed);
  const reset = async () => {
    await store.reset();
    await seedBankIfEmpty(store, seed);
  };
  const service = createApp({ logger, store, reset, maxPageSize: config.MAX_PAGE_SIZE, production: config.NODE_ENV === 'production' });
  await startService(service, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    handleSignals: true,
    closeables: [{ name: 'database', close: () => db.close() }],
  });
}

void main();
