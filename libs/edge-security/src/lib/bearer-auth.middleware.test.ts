import request from 'supertest';
import { Router } from 'express';
import { createLogger } from '@strata/logging';
import { createServiceApp } from '@strata/service-kit';
import { AUDIENCE, ISSUER, startTokenIssuer } from '../testing/token-issuer';
import { principalOf, requireBearerToken, requireScope } from './bearer-auth.middleware';
import { createJwtVerifier } from './jwt-verifier';

type Issuer = Awaited<ReturnType<typeof startTokenIssuer>>;
let issuer: Issuer;

beforeAll(async () => {
  issuer = await startTokenIssuer();
});
afterAll(() => issuer.close());

function appWith(scope: string) {
  const verifier = createJwtVerifier({ jwksUrl: issuer.jwksUrl, issuer: ISSUER, audience: AUDIENCE, clockToleranceSeconds: 0 });
  const routes = Router().get('/me', requireScope(scope), (_req, res) => {
    res.json({ subject: principalOf(res).subject });
  });
  return createServiceApp({ name: 'edge-test', logger: createLogger({ service: 'edge-test', silent: true }), before: [requireBearerToken(verifier)], routes }).app;
}

const asUser = (token: string) => request(appWith('customer:read')).get('/me').set('authorization', `Bearer ${token}`);

describe('bearer tokens checked against the JWKS', () => {
  it('lets a valid token through and exposes its subject', async () => {
    const res = await asUser(await issuer.sign({ subject: 'user-42' }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ subject: 'user-42' });
  });

  it.each([
    ['expired', { expiresIn: -60 }, /expired/],
    ['signed with a key the JWKS does not publish', { foreignKey: true }, /signature/],
    ['for another audience', { audience: 'someone-else' }, /aud/],
    ['from another issuer', { issuer: 'https://evil.example.test/' }, /iss/],
  ])('refuses a token %s with 401 problem+json and WWW-Authenticate: Bearer', async (_what, options, detail) => {
    const res = await asUser(await issuer.sign(options));
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token"/);
    expect(res.body).toMatchObject({ status: 401, type: 'urn:strata:problem:unauthorized', detail: expect.stringMatching(detail) });
  });

  it('refuses a request without a token, and one with a malformed header', async () => {
    for (const header of [undefined, 'Basic dXNlcjpwdw==', 'Bearer not a token']) {
      const req = request(appWith('customer:read')).get('/me');
      const res = header ? await req.set('authorization', header) : await req;
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm=/);
    }
  });

  it('answers 403 problem+json when the token lacks the route scope', async () => {
    const token = await issuer.sign({ claims: { scope: 'customer:read' } });
    const res = await request(appWith('customer:write')).get('/me').set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers['www-authenticate']).toMatch(/insufficient_scope/);
    expect(res.body).toMatchObject({ type: 'urn:strata:problem:forbidden', details: { requiredScope: 'customer:write' } });
  });

  it('reports a JWKS that cannot be fetched as the identity provider being unavailable (503), not as a bad token (401)', async () => {
    const verifier = createJwtVerifier({ jwksUrl: 'http://127.0.0.1:9/jwks.json', issuer: ISSUER, audience: AUDIENCE });
    await expect(verifier.verify(await issuer.sign())).rejects.toMatchObject({ name: 'UpstreamUnavailableError', upstream: 'identity-provider' });
  });

  it('reads scopes from an scp array too', async () => {
    const token = await issuer.sign({ claims: { scope: undefined, scp: ['customer:write'] } });
    const res = await request(appWith('customer:write')).get('/me').set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
  });
});
