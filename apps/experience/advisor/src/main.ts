import { createEdgeSecurity } from '@strata/edge-security';
import { createLogger } from '@strata/logging';
import { openDatabase } from '@strata/persistence';
import { createHttpMetrics, loadConfig, startService } from '@strata/service-kit';
import { createApp } from './app';
import { SqlAuditStore } from './audit/audit.store';
import { configSchema } from './config';
import { createCustomerSyncClient } from './customer-sync/customer-sync.client';
import { processCustomerSyncContract } from '@strata/contracts-process-customer-sync';
import { serviceTokensFromConfig } from '@strata/service-auth';

const PERSONAL_DATA = ['email', 'phone', 'birthDate', 'firstName', 'lastName', 'displayName', 'street', 'city', 'postalCode', 'address', 'q'];

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, 'experience-advisor');
  const logger = createLogger({ service: 'experience-advisor', level: config.LOG_LEVEL, personalDataFields: PERSONAL_DATA });
  const metrics = createHttpMetrics('experience-advisor');
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const audit = await SqlAuditStore.open(db);
  const { issuer } = serviceTokensFromConfig(config, 'experience-advisor');
  const customerSync = createCustomerSyncClient({
    baseUrl: config.CUSTOMER_SYNC_URL,
    timeoutMs: config.CUSTOMER_SYNC_TIMEOUT_MS,
    resetTimeoutMs: config.CUSTOMER_SYNC_BREAKER_RESET_MS,
    maxConcurrent: config.CUSTOMER_SYNC_MAX_CONCURRENT,
    logger,
    registry: metrics.registry,
    getServiceToken: issuer.sourceFor(processCustomerSyncContract.name),
  });
  const edge = createEdgeSecurity(config, logger);
  const service = createApp({
    logger,
    customerSync,
    audit,
    tokens: edge.tokens,
    clients: edge.clients,
    rateLimits: edge.rateLimits,
    metrics,
    production: config.NODE_ENV === 'production',
    checks: { 'audit-store': async () => void (await db.query('SELECT 1')), ...edge.checks },
  });
  await startService(service, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    handleSignals: true,
    closeables: [
      { name: 'customer-sync-client', close: () => customerSync.$client.shutdown() },
      { name: 'audit-store', close: () => db.close() },
      ...edge.closeables,
    ],
  });
}

void main();
