import { mkdirSync } from 'node:fs';
import { createLogger } from '@strata/logging';
import { openDatabase } from '@strata/persistence';
import { loadConfig, startService } from '@strata/service-kit';
import { FaultSwitches } from './admin/fault-switches';
import { createApp } from './app';
import { configSchema } from './config';
import { InboundProcessor } from './exchange/inbound.processor';
import { MainframeJob } from './exchange/mainframe.job';
import { OutboundWriter } from './exchange/outbound.writer';
import { clearExchange, seedMainframeIfEmpty } from './seed/seed-mainframe';
import { LoanStore } from './store/loan.store';

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, 'emulators-loan-mainframe');
  const logger = createLogger({ service: 'emulators-loan-mainframe', level: config.LOG_LEVEL });
  for (const dir of [config.DATA_DIR, config.LOAN_OUTBOUND_DIR, config.LOAN_INBOUND_DIR]) mkdirSync(dir, { recursive: true });
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const store = await LoanStore.open(db);
  const faults = new FaultSwitches();
  const outbound = new OutboundWriter(store, config.LOAN_OUTBOUND_DIR, faults);
  const inbound = new InboundProcessor({ store, faults, logger, inboundDir: config.LOAN_INBOUND_DIR, outboundDir: config.LOAN_OUTBOUND_DIR });
  const job = new MainframeJob({ store, faults, inbound, outbound, logger, cycleMs: config.LOAN_CYCLE_MS });
  const seed = { people: config.SEED_PEOPLE, seed: config.SEED, logger };
  await seedMainframeIfEmpty(store, outbound, seed);
  const reset = () =>
    job.serial(async () => {
      faults.clear();
      await store.reset();
      await clearExchange([config.LOAN_OUTBOUND_DIR, config.LOAN_INBOUND_DIR]);
      await seedMainframeIfEmpty(store, outbound, seed);
    });
  const service = createApp({ logger, store, faults, job, outbound, reset, production: config.NODE_ENV === 'production' });
  job.start();
  await startService(service, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    handleSignals: true,
    closeables: [
      { name: 'mainframe-job', close: () => job.stop() },
      { name: 'database', close: () => db.close() },
    ],
  });
}

void main();
