import request from 'supertest';
import { Router } from 'express';
import { createLogger } from '@strata/logging';
import { createServiceApp } from '@strata/service-kit';
import { apiClientOf, requireApiClient } from './api-client.middleware';
import { ApiClientRegistry, hashApiKey, verifyApiKey } from './api-keys';

describe('API key hashing', () => {
  it('stores a salted scrypt hash, never the secret, and verifies it', async () => {
    const stored = await hashApiKey('s3cret-key');
    expect(stored).toMatch(/^scrypt\$16384\$[\w-]+\$[\w-]+$/);
    expect(stored).not.toContain('s3cret-key');
    await expect(verifyApiKey('s3cret-key', stored)).resolves.toBe(true);
    await expect(verifyApiKey('s3cret-kez', stored)).resolves.toBe(false);
  });

  it('salts each key afresh, so equal secrets get different hashes', async () => {
    expect(await hashApiKey('same')).not.toBe(await hashApiKey('same'));
  });

  it('refuses malformed stored hashes instead of throwing', async () => {
    await expect(verifyApiKey('x', 'sha1$abc')).resolves.toBe(false);
  });
});

describe('API clients', () => {
  let app: ReturnType<typeof createServiceApp>['app'];

  beforeAll(async () => {
    const registry = new ApiClientRegistry([{ id: 'mobile-ios', secretHash: await hashApiKey('ios-secret'), tier: 'gold' }]);
    const routes = Router().get('/who', (_req, res) => {
      res.json(apiClientOf(res));
    });
    app = createServiceApp({ name: 'edge-test', logger: createLogger({ service: 'edge-test', silent: true }), before: [requireApiClient(registry)], routes }).app;
  });

  it('looks up the client by id and secret and knows its tier', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await request(app).get('/who').set('x-client-id', 'mobile-ios').set('x-client-secret', 'ios-secret');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: 'mobile-ios', tier: 'gold' });
    }
  });

  it.each([
    ['a wrong secret', { 'x-client-id': 'mobile-ios', 'x-client-secret': 'nope' }],
    ['an unknown id', { 'x-client-id': 'other', 'x-client-secret': 'ios-secret' }],
    ['no credentials', {}],
  ])('refuses %s with 401 problem+json', async (_what, headers) => {
    const res = await request(app).get('/who').set(headers);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers['www-authenticate']).toMatch(/^ApiKey/);
  });
});
