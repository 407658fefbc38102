import request from 'supertest';
import { createLogger } from '@strata/logging';
import { createServiceApp } from '@strata/service-kit';
import express from 'express';
import { requireServiceToken, serviceCallerOf } from './require-service-token.middleware';
import { createServiceTokenIssuer } from './service-token-issuer';
import { createServiceTokenVerifier } from './service-token-verifier';

const SECRET = 'a-secret-that-is-long-enough-for-hs256-0123';

function buildApp() {
  const routes = express.Router();
  routes.post('/v1/echo', (req, res) => {
    res.json({ caller: serviceCallerOf(res)?.service, body: req.body as unknown });
  });
  const verifier = createServiceTokenVerifier({ secrets: [SECRET], audience: 'system-widgets' });
  return createServiceApp({ name: 'system-widgets', logger: createLogger({ service: 't', silent: true }), authenticate: requireServiceToken(verifier), routes }).app;
}

describe('requireServiceToken', () => {
  const app = buildApp();
  const issuer = createServiceTokenIssuer({ secret: SECRET, service: 'process-orders' });

  it('lets a service with a token for this API through and names it', async () => {
    const res = await request(app).post('/v1/echo').set('authorization', `Bearer ${issuer.tokenFor('system-widgets')}`).send({ a: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ caller: 'process-orders', body: { a: 1 } });
  });

  it('answers 401 problem+json with WWW-Authenticate without a token, before reading the body', async () => {
    const res = await request(app).post('/v1/echo').set('content-type', 'application/json').send('{not json');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="strata-internal"');
    expect(res.body.detail).toMatch(/service token is required/);
  });

  it('answers 401 naming the reason for a token minted for another API', async () => {
    const res = await request(app).post('/v1/echo').set('authorization', `Bearer ${issuer.tokenFor('system-gadgets')}`).send({});
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(res.body.detail).toMatch(/another service/);
  });

  it('keeps health and the OpenAPI document open to probes and tools', async () => {
    expect((await request(app).get('/health/live')).status).toBe(200);
    expect((await request(app).get('/metrics')).status).toBe(200);
  });
});
