/**
 * A runnable main.ts for process-level tests (config failure, signals, shutdown),
 * shaped exactly as every app's main.ts should be.
 */
import { z } from 'zod';
import { createLogger } from '@strata/logging';
import { baseConfigSchema, loadConfig, portSetting } from '../config/config';
import { startService } from '../runtime/start-service';
import { createWidgetsApp } from './widgets.app';

const configSchema = baseConfigSchema.extend({
  PORT: portSetting(0),
  WIDGETS_REGION: z.enum(['eu', 'us']),
  WIDGETS_MAX_SIZE: z.coerce.number().int().positive(),
});

async function main() {
  const config = loadConfig(configSchema, process.env, 'widgets');
  const logger = createLogger({ service: 'widgets', level: config.LOG_LEVEL });
  const service = createWidgetsApp({ logger, production: config.NODE_ENV === 'production' });
  await startService(service, {
    port: config.PORT,
    host: '127.0.0.1',
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    handleSignals: true,
    closeables: [{ name: 'fake-store', close: () => void logger.info('store closed') }],
  });
}

void main();
