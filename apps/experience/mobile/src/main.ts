import { processCustomerSyncContract } from '@strata/contracts-process-customer-sync';
import { createEdgeSecurity } from '@strata/edge-security';
import { createLogger } from '@strata/logging';
import { serviceTokensFromConfig } from '@strata/service-auth';
import { createHttpMetrics, loadConfig, startService } from '@strata/service-kit';
import { createApp } from './app';
import { configSchema } from './config';
import { createCustomerSyncClient } from './customer-sync/customer-sync.client';

const PERSONAL_DATA = ['email', 'phone', 'birthDate', 'firstName', 'lastName', 'street', 'city', 'postalCode', 'address'];

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, 'experience-mobile');
  const logger = createLogger({ service: 'experience-mobile', level: config.LOG_LEVEL, personalDataFields: PERSONAL_DATA });
  const metrics = createHttpMetrics('experience-mobile');
  const { issuer } = serviceTokensFromConfig(config, 'experience-mobile');
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
    tokens: edge.tokens,
    clients: edge.clients,
    rateLimits: edge.rateLimits,
    customerKeyClaim: config.JWT_CUSTOMER_KEY_CLAIM,
    metrics,
    production: config.NODE_ENV === 'production',
    checks: Object.keys(edge.checks).length > 0 ? edge.checks : undefined,
  });
  await startService(service, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    handleSignals: true,
    closeables: [{ name: 'customer-sync-client', close: () => customerSync.$client.shutdown() }, ...edge.closeables],
  });
}

void main();
