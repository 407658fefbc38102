import type { RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { TooManyRequestsError } from '@strata/errors';
import { apiClientOf } from './api-client.middleware';

/** An SLA tier: sustained requests per minute, and the most allowed within one burst window. */
export interface SlaTier {
  requestsPerMinute: number;
  burst: number;
}

/** The one Redis call the shared store needs: any client's raw command (ioredis `call`, node-redis `sendCommand`). */
export type RedisCommand = (command: string, ...args: string[]) => Promise<RedisReply>;

export interface TieredRateLimitOptions {
  tiers: Record<string, SlaTier>;
  /** Length of the sustained window. Default 60 000 ms; tests shorten it. */
  windowMs?: number;
  /** Length of the burst window. Default 1000 ms. */
  burstWindowMs?: number;
  /** Counters in Redis, shared by every instance; without it each instance counts in memory. */
  redis?: RedisCommand;
  /** Prefix of the Redis keys (one per API, so two APIs never share a budget). */
  keyPrefix?: string;
}

interface Window {
  name: string;
  windowMs: number;
  limitOf: (tier: SlaTier) => number;
}

/**
 * Limits each calling app by its SLA tier with two `express-rate-limit` windows
 * (sustained per minute, and burst), keyed by client id, so one app's traffic never
 * spends another's budget. Runs after `requireApiClient`. Answers include the IETF
 * `RateLimit` and `RateLimit-Policy` headers (draft 8, one entry per window); an app
 * over its limit gets 429 problem+json with `Retry-After`. A client whose tier is not in
 * `tiers` is a configuration error: its requests fail (500) until the app's config
 * names it, which is why apps check their clients' tiers when they load their config.
 */
export function tieredRateLimit(options: TieredRateLimitOptions): RequestHandler[] {
  const windows: Window[] = [
    { name: 'minute', windowMs: options.windowMs ?? 60_000, limitOf: (t) => t.requestsPerMinute },
    { name: 'burst', windowMs: options.burstWindowMs ?? 1000, limitOf: (t) => t.burst },
  ];
  return windows.map((window) => limiterFor(window, options));
}

function limiterFor(window: Window, options: TieredRateLimitOptions): RequestHandler {
  const tierOf = (clientTier: string | undefined): [string, SlaTier] => {
    const name = clientTier ?? '';
    const tier = options.tiers[name];
    if (!tier) throw new Error(`rate limit: no SLA tier named "${name}"`);
    return [name, tier];
  };
  return rateLimit({
    windowMs: window.windowMs,
    limit: (_req, res) => window.limitOf(tierOf(apiClientOf(res)?.tier)[1]),
    identifier: (_req, res) => `${tierOf(apiClientOf(res)?.tier)[0]}-${window.name}`,
    keyGenerator: (_req, res) => apiClientOf(res)?.id ?? 'anonymous',
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: storeFor(window, options),
    // Our keys are client ids, never IPs: the IP checks of express-rate-limit do not apply.
    validate: { ip: false, trustProxy: false, xForwardedForHeader: false, keyGeneratorIpFallback: false },
    handler: (_req, res, next, limiter) => {
      const reset = (res.getHeader('retry-after') as string | undefined) ?? String(Math.ceil(limiter.windowMs / 1000));
      next(new TooManyRequestsError(`Over the ${window.name} limit of this client's tier; retry after ${reset} s`, { retryAfterSeconds: Number(reset) }));
    },
  });
}

function storeFor(window: Window, options: TieredRateLimitOptions): Store | undefined {
  const redis = options.redis;
  if (!redis) return undefined;
  return new RedisStore({ sendCommand: (command: string, ...args: string[]) => redis(command, ...args), prefix: `${options.keyPrefix ?? 'strata:rl:'}${window.name}:` });
}
