import path from 'node:path';
import swaggerUiDir from 'swagger-ui-dist/absolute-path.js';
import { processCustomerSyncContract } from '@strata/contracts-process-customer-sync';
import { createLogger } from '@strata/logging';
import { serviceTokensFromConfig } from '@strata/service-auth';
import { createHttpMetrics, loadConfig, startService } from '@strata/service-kit';
import { createApp } from './app';
import { configSchema } from './config';
import { createAppClients } from './landscape/app-clients';
import { probeApp } from './landscape/app-probe';
import { LandscapePoller } from './landscape/landscape.poller';

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, 'portal');
  const logger = createLogger({ service: 'portal', level: config.LOG_LEVEL });
  const metrics = createHttpMetrics('portal');
  const { issuer } = serviceTokensFromConfig(config, 'portal');
  const clients = createAppClients({
    apps: config.apps,
    timeoutMs: config.PROBE_TIMEOUT_MS,
    resetTimeoutMs: config.POLL_INTERVAL_MS,
    logger,
    registry: metrics.registry,
    // Process APIs refuse /v1/* without a service token; only apps with `syncStatus`
    // (customer-sync) are ever given it.
    getServiceToken: issuer.sourceFor(processCustomerSyncContract.name),
  });
  const poller = new LandscapePoller({
    apps: config.apps,
    probe: (app) => {
      const client = clients.get(app.name);
      return client ? probeApp(client) : Promise.reject(new Error(`no client for ${app.name}`));
    },
    intervalMs: config.POLL_INTERVAL_MS,
    deadlineMs: config.PROBE_TIMEOUT_MS + 500,
    logger,
    registry: metrics.registry,
  });
  const service = createApp({
    logger,
    apps: config.apps,
    clients,
    landscape: () => poller.snapshot(),
    openApiCacheMs: config.OPENAPI_CACHE_MS,
    // Beside main: src/public when run from source, public/ beside main.cjs in the build.
    publicDir: path.join(__dirname, 'public'),
    swaggerUiDir: swaggerUiDir(),
    metrics,
    production: config.NODE_ENV === 'production',
  });
  poller.start();
  await startService(service, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    handleSignals: true,
    closeables: [{ name: 'poller', close: () => poller.stop() }, ...[...clients.values()].map((client) => ({ name: `${client.app.name}-client`, close: () => client.http.shutdown() }))],
  });
  logger.info('watching', { apps: config.apps.map((app) => app.name), pollIntervalMs: config.POLL_INTERVAL_MS });
}

void main();
