import { createLogger } from '@strata/logging';
import { loadConfig, startService } from '@strata/service-kit';
import { createApp } from './app';
import { configSchema } from './config';

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, 'process-customer-sync');
  const logger = createLogger({ service: 'process-customer-sync', level: config.LOG_LEVEL });
  const service = createApp({ logger, production: config.NODE_ENV === 'production' });
  await startService(service, { port: config.PORT, host: config.HOST, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS, handleSignals: true });
}

void main();
