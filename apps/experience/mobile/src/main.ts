import Redis from 'ioredis';
import type { RedisReply } from 'rate-limit-redis';
import { ApiClientRegistry, createJwtVerifier, tieredRateLimit, type JwtVerifier } from '@strata/edge-security';
import { UnauthorizedError } from '@strata/errors';
import { processCustomerSyncContract } from '@strata/contracts-process-customer-sync';
import { createLogger, type Logger } from '@strata/logging';
import { serviceTokensFromConfig } from '@strata/service-auth';
import { createHttpMetrics, loadConfig, startService } from '@strata/service-kit';
import { createApp } from './app';
import { configSchema, type Config } from './config';
import { createCustomerSyncClient } from './customer-sync/customer-sync.client';

const PERSONAL_DATA = ['email', 'phone', 'birthDate', 'firstName', 'lastName', 'street', 'city', 'postalCode', 'address'];

/** The identity provider's verifier; without one (development only) every user token is refused. */
function tokenVerifier(config: Config, logger: Logger): JwtVerifier {
  if (config.JWKS_URL && config.JWT_ISSUER) return createJwtVerifier({ jwksUrl: config.JWKS_URL, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  logger.warn('no identity provider configured (JWKS_URL, JWT_ISSUER): every user token is refused');
  return { verify: async () => Promise.reject(new UnauthorizedError('No identity provider is configured')) };
}

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, 'experience-mobile');
  const logger = createLogger({ service: 'experience-mobile', level: config.LOG_LEVEL, personalDataFields: PERSONAL_DATA });
  const metrics = createHttpMetrics('experience-mobile');
  const { issuer } = serviceTokensFromConfig(config, 'experience-mobile');
  const customerSync = createCustomerSyncClient({
    baseUrl: config.CUSTOMER_SYNC_URL,
    timeoutMs: config.CUSTOMER_SYNC_TIMEOUT_MS,
    logger,
    registry: metrics.registry,
    getServiceToken: issuer.sourceFor(processCustomerSyncContract.name),
  });
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 }) : undefined;
  const rateLimits = tieredRateLimit({
    tiers: config.SLA_TIERS,
    redis: redis && ((command, ...args) => redis.call(command, ...args) as Promise<RedisReply>),
    keyPrefix: config.RATE_LIMIT_KEY_PREFIX,
  });
  const service = createApp({
    logger,
    customerSync,
    tokens: tokenVerifier(config, logger),
    clients: new ApiClientRegistry(config.API_CLIENTS),
    rateLimits,
    customerKeyClaim: config.JWT_CUSTOMER_KEY_CLAIM,
    metrics,
    production: config.NODE_ENV === 'production',
    checks: redis ? { redis: async () => void (await redis.ping()) } : undefined,
  });
  await startService(service, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    handleSignals: true,
    closeables: [
      { name: 'customer-sync-client', close: () => customerSync.$client.shutdown() },
      ...(redis ? [{ name: 'redis', close: async () => void (await redis.quit()) }] : []),
    ],
  });
}

void main();
