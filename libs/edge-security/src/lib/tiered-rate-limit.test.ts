import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Router, type RequestHandler } from 'express';
import Redis from 'ioredis';
import type { RedisReply } from 'rate-limit-redis';
import { createLogger } from '@strata/logging';
import { createServiceApp } from '@strata/service-kit';
import { tieredRateLimit, type TieredRateLimitOptions } from './tiered-rate-limit';

const tiers = { bronze: { requestsPerMinute: 3, burst: 10 }, gold: { requestsPerMinute: 100, burst: 2 } };

/** Stands in for requireApiClient: the client id and tier come from test headers. */
const asClient: RequestHandler = (req, res, next) => {
  res.locals['apiClient'] = { id: req.get('x-test-client'), tier: req.get('x-test-tier') };
  next();
};

function appWith(options: Partial<TieredRateLimitOptions> = {}) {
  const routes = Router().get('/ping', (_req, res) => {
    res.json({ ok: true });
  });
  const before = [asClient, ...tieredRateLimit({ tiers, windowMs: 2000, burstWindowMs: 2000, ...options })];
  return createServiceApp({ name: 'edge-test', logger: createLogger({ service: 'edge-test', silent: true }), before, routes }).app;
}

const ping = (app: ReturnType<typeof appWith>, client: string, tier = 'bronze') => request(app).get('/ping').set('x-test-client', client).set('x-test-tier', tier);

describe('tiered rate limits', () => {
  it("answers 429 problem+json with RateLimit headers and Retry-After once a client spends its tier's limit", async () => {
    const app = appWith();
    for (let i = 0; i < 3; i++) {
      const ok = await ping(app, 'app-a');
      expect(ok.status).toBe(200);
      expect(ok.headers['ratelimit-policy']).toMatch(/"bronze-minute"; q=3; w=2/);
    }
    const refused = await ping(app, 'app-a');
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.headers['ratelimit']).toMatch(/"bronze-minute"; r=0; t=\d+/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({ status: 429, type: 'urn:strata:problem:too-many-requests', retryAfterSeconds: expect.any(Number) });
  });

  it("counts each client separately: one client's traffic never spends another's budget", async () => {
    const app = appWith();
    for (let i = 0; i < 3; i++) await ping(app, 'app-a');
    expect((await ping(app, 'app-a')).status).toBe(429);
    expect((await ping(app, 'app-b')).status).toBe(200);
  });

  it('limits bursts by the tier burst size', async () => {
    const app = appWith();
    expect((await ping(app, 'gold-app', 'gold')).status).toBe(200);
    expect((await ping(app, 'gold-app', 'gold')).status).toBe(200);
    const refused = await ping(app, 'gold-app', 'gold');
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toMatch(/burst/);
  });

  it('lets a client in again once the window has passed', async () => {
    const app = appWith({ windowMs: 300, burstWindowMs: 300 });
    for (let i = 0; i < 3; i++) await ping(app, 'app-a');
    expect((await ping(app, 'app-a')).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await ping(app, 'app-a')).status).toBe(200);
  });
});

describe('tiered rate limits in Redis', () => {
  const prefix = `strata:test:rl:${randomUUID()}:`;
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('shares one limit between two app instances', async () => {
    const command = (name: string, ...args: string[]) => redis.call(name, ...args) as Promise<RedisReply>;
    const first = appWith({ redis: command, keyPrefix: prefix });
    const second = appWith({ redis: command, keyPrefix: prefix });
    expect((await ping(first, 'shared-app')).status).toBe(200);
    expect((await ping(second, 'shared-app')).status).toBe(200);
    expect((await ping(first, 'shared-app')).status).toBe(200);
    expect((await ping(second, 'shared-app')).status).toBe(429);
    expect((await ping(first, 'shared-app')).status).toBe(429);
    expect(await redis.keys(`${prefix}*`)).not.toHaveLength(0);
  });
});
