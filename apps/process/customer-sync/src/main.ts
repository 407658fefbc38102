import type { SyncedSystem } from '@strata/contracts-process-customer-sync';
import { createLogger } from '@strata/logging';
import { openDatabase } from '@strata/persistence';
import { serviceTokensFromConfig } from '@strata/service-auth';
import { loadConfig, startService } from '@strata/service-kit';
import { createApp } from './app';
import { configSchema, type Config } from './config';
import { parseSurvivorshipRules } from './golden/survivorship.rules';
import type { IntakePolicy } from './intake/apply-record';
import { ReconciliationRuns } from './reconciliation/reconciliation.runs';
import { prepareSyncDatabase } from './store/sync-database';
import { SyncEngine } from './sync-engine';
import { cardPlatformBinding, coreBankingBinding, loanMainframeBinding, salesforceBinding, type ClientSettings } from './systems/bindings';
import { SystemApiAdapter } from './systems/system-api.adapter';

/** The adapters of the configured systems. */
function adapters(config: Config, settings: ClientSettings) {
  const bindings = {
    salesforce: () => new SystemApiAdapter(salesforceBinding(config.SYSTEM_SALESFORCE_URL, settings)),
    'core-banking': () => new SystemApiAdapter(coreBankingBinding(config.SYSTEM_CORE_BANKING_URL, settings)),
    'card-platform': () => new SystemApiAdapter(cardPlatformBinding(config.SYSTEM_CARD_PLATFORM_URL, settings)),
    'loan-mainframe': () => new SystemApiAdapter(loanMainframeBinding(config.SYSTEM_LOAN_MAINFRAME_URL, settings)),
  } satisfies Record<SyncedSystem, () => SystemApiAdapter<unknown>>;
  return config.SYNC_SYSTEMS.map((system) => bindings[system]());
}

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, 'process-customer-sync');
  const logger = createLogger({ service: 'process-customer-sync', level: config.LOG_LEVEL });
  const db = await prepareSyncDatabase(await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  const policy: IntakePolicy = { rules: parseSurvivorshipRules(config.SURVIVORSHIP_RULES), deleteAction: config.DELETE_ACTION };
  const tokens = serviceTokensFromConfig(config, 'process-customer-sync');
  const liveReads = { timeoutMs: config.SYSTEM_READ_TIMEOUT_MS, maxConcurrent: config.SYSTEM_READ_MAX_CONCURRENT };
  const systems = adapters(config, { logger, serviceTokens: tokens.issuer, liveReads });
  const delivery = {
    maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
    concurrency: config.OUTBOX_CONCURRENCY,
    batchSize: config.OUTBOX_BATCH_SIZE,
    retryBaseMs: config.OUTBOX_RETRY_BASE_MS,
    maxRetryMs: config.OUTBOX_MAX_RETRY_MS,
    outageRetryMs: config.OUTBOX_OUTAGE_RETRY_MS,
  };
  const engine = new SyncEngine({ db, feeds: systems, writers: systems, policy, logger, delivery });
  const reconciliations = new ReconciliationRuns(db, systems, policy, logger);
  const service = createApp({
    logger,
    db,
    policy,
    runtime: engine,
    reconciliations,
    readers: systems,
    systemReadTimeoutMs: config.SYSTEM_READ_TIMEOUT_MS,
    serviceTokens: tokens.verifier,
    breakers: () => systems.flatMap((system) => system.breakers()),
    production: config.NODE_ENV === 'production',
  });
  engine.start();
  const schedule = config.RECONCILE_EVERY_MINUTES > 0 ? setInterval(() => {
          reconciliations.start({ repair: false, trigger: 'schedule' }).catch((error: unknown) => logger.error('could not start the scheduled reconciliation', { error }));
        }, config.RECONCILE_EVERY_MINUTES * 60_000) : undefined;
  await startService(service, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    handleSignals: true,
    closeables: [
      { name: 'sync-engine', close: async () => {
        clearInterval(schedule);
        await engine.stop();
        await reconciliations.settled();
      } },
      { name: 'database', close: () => db.close() },
    ],
  });
}

void main();
