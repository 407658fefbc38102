import type { RequestHandler } from 'express';
import Redis from 'ioredis';
import type { RedisReply } from 'rate-limit-redis';
import { UnauthorizedError } from '@strata/errors';
import type { Logger } from '@strata/logging';
import { ApiClientRegistry } from './api-keys';
import type { EdgeSecurityConfig } from './edge-settings';
import { createJwtVerifier, type JwtVerifier } from './jwt-verifier';
import { tieredRateLimit } from './tiered-rate-limit';

/** What an Experience API's main builds from its edge settings, ready for `createApp` and `startService`. */
export interface EdgeSecurity {
  tokens: JwtVerifier;
  clients: ApiClientRegistry;
  rateLimits: RequestHandler[];
  /** Readiness checks (Redis, when counters live there). */
  checks: Record<string, () => Promise<void>>;
  /** What to close on shutdown (the Redis connection). */
  closeables: { name: string; close: () => Promise<void> }[];
}

/**
 * Builds the edge from validated settings ({@link edgeSecuritySettings}). Without an
 * identity provider (development only: production config refuses to start) every user
 * token is refused, so the app still starts in a landscape that has none.
 */
export function createEdgeSecurity(config: EdgeSecurityConfig, logger: Logger): EdgeSecurity {
  let tokens: JwtVerifier;
  if (config.JWKS_URL && config.JWT_ISSUER) {
    tokens = createJwtVerifier({ jwksUrl: config.JWKS_URL, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  } else {
    logger.warn('no identity provider configured (JWKS_URL, JWT_ISSUER): every user token is refused');
    tokens = { verify: async () => Promise.reject(new UnauthorizedError('No identity provider is configured')) };
  }
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 }) : undefined;
  const rateLimits = tieredRateLimit({
    tiers: config.SLA_TIERS,
    redis: redis && ((command, ...args) => redis.call(command, ...args) as Promise<RedisReply>),
    keyPrefix: config.RATE_LIMIT_KEY_PREFIX,
  });
  return {
    tokens,
    clients: new ApiClientRegistry(config.API_CLIENTS),
    rateLimits,
    checks: redis ? { redis: async () => void (await redis.ping()) } : {},
    closeables: redis ? [{ name: 'redis', close: async () => void (await redis.quit()) }] : [],
  };
}
