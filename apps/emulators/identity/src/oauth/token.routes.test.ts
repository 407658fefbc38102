import { createLocalJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JSONWebKeySet } from 'jose';
import request from 'supertest';
import { createJwtVerifier } from '@strata/edge-security';
import { listenOnFreePort } from '@strata/testing';
import { ISSUER, makeDataDir, PEOPLE, removeDataDir, startIdentity } from '../__fixtures__/identity.harness';

let dataDir: string;
let identity: Awaited<ReturnType<typeof startIdentity>>;

beforeAll(async () => {
  dataDir = makeDataDir();
  identity = await startIdentity(dataDir, { tokenTtlSeconds: 600 });
});
afterAll(() => removeDataDir(dataDir));

/** The key set the emulator serves right now, as a verifier fetching it would see it. */
async function servedKeys() {
  const res = await request(identity.app).get('/.well-known/jwks.json').expect(200);
  return createLocalJWKSet(res.body as JSONWebKeySet);
}

describe('POST /oauth/token, grant_type=password', () => {
  it('gives a customer a token for strata-mobile that verifies against the served JWKS and carries their golden key', async () => {
    const res = await identity.passwordToken('customer', 'strata-mobile').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: 'customer:read customer:write' });
    const { payload, protectedHeader } = await jwtVerify(res.body.access_token, await servedKeys(), { issuer: ISSUER, audience: 'strata-mobile', algorithms: ['ES256'] });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(payload).toMatchObject({ sub: 'usr-ada', customer_key: 'CK-000001', scope: 'customer:read customer:write', client_id: 'strata-mobile' });
    expect(typeof payload.jti).toBe('string');
  });

  it('is accepted by the verifier the Experience APIs use, fetching the JWKS over HTTP', async () => {
    const server = await listenOnFreePort(identity.app);
    try {
      const verifier = createJwtVerifier({ jwksUrl: `${server.url}/.well-known/jwks.json`, issuer: ISSUER, audience: 'strata-mobile' });
      const res = await identity.passwordToken('customer', 'strata-mobile').expect(200);
      const verified = await verifier.verify(res.body.access_token);
      expect(verified.subject).toBe('usr-ada');
      expect([...verified.scopes].sort()).toEqual(['customer:read', 'customer:write']);
    } finally {
      await server.close();
    }
  });

  it('expires the token expires_in seconds after it was issued', async () => {
    const res = await identity.passwordToken('customer', 'strata-mobile').expect(200);
    const keys = await servedKeys();
    const { payload } = await jwtVerify(res.body.access_token, keys, { issuer: ISSUER, audience: 'strata-mobile' });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(600);
    expect(Math.abs((payload.iat ?? 0) - Date.now() / 1000)).toBeLessThan(5);
    const later = new Date(((payload.exp ?? 0) + 1) * 1000);
    await expect(jwtVerify(res.body.access_token, keys, { issuer: ISSUER, audience: 'strata-mobile', currentDate: later })).rejects.toBeInstanceOf(joseErrors.JWTExpired);
  });

  it('gives an advisor their staff id as sub and only the advisor scopes they hold', async () => {
    const res = await identity.passwordToken('advisor', 'strata-advisor').expect(200);
    expect(res.body.scope).toBe('advisor:read advisor:reconcile');
    const { payload } = await jwtVerify(res.body.access_token, await servedKeys(), { issuer: ISSUER, audience: 'strata-advisor' });
    expect(payload).toMatchObject({ sub: 'S-1001', scope: 'advisor:read advisor:reconcile' });
    expect(payload['customer_key']).toBeUndefined();
  });

  it('narrows the token to the scopes asked for', async () => {
    const res = await identity.passwordToken('auditor', 'strata-advisor', { scope: 'advisor:audit' }).expect(200);
    expect(res.body.scope).toBe('advisor:audit');
    const { payload } = await jwtVerify(res.body.access_token, await servedKeys(), { issuer: ISSUER, audience: 'strata-advisor' });
    expect(payload['scope']).toBe('advisor:audit');
  });

  it('signs with the key the JWKS names first', async () => {
    const res = await identity.passwordToken('customer', 'strata-mobile').expect(200);
    const jwks = await request(identity.app).get('/.well-known/jwks.json');
    expect(decodeProtectedHeader(res.body.access_token).kid).toBe(jwks.body.keys[0].kid);
  });
});

describe('POST /oauth/token refusals, in OAuth 2 format (RFC 6749 §5.2)', () => {
  it('a wrong password is 400 invalid_grant, the same as an unknown user', async () => {
    const wrong = await identity.token({ grant_type: 'password', client_id: 'strata-mobile', username: PEOPLE.customer.username, password: 'not-her-password' }).expect(400);
    expect(wrong.body).toEqual({ error: 'invalid_grant', error_description: 'wrong username or password' });
    const unknown = await identity.token({ grant_type: 'password', client_id: 'strata-mobile', username: 'nobody', password: 'whatever-it-is' }).expect(400);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers['cache-control']).toBe('no-store');
  });

  it('an unknown client is 401 invalid_client', async () => {
    const res = await identity.passwordToken('customer', 'strata-partner').expect(401);
    expect(res.body.error).toBe('invalid_client');
  });

  it('a scope the user may not have is 400 invalid_scope', async () => {
    const res = await identity.passwordToken('advisor', 'strata-advisor', { scope: 'advisor:read advisor:audit' }).expect(400);
    expect(res.body).toEqual({ error: 'invalid_scope', error_description: 'scope not allowed: advisor:audit' });
  });

  it('a scope the client does not offer is 400 invalid_scope, whatever the user holds', async () => {
    const res = await identity.passwordToken('customer', 'strata-mobile', { scope: 'customer:read advisor:read' }).expect(400);
    expect(res.body.error).toBe('invalid_scope');
  });

  it('a customer signing in to the advisor app gets no token: invalid_scope', async () => {
    const res = await identity.passwordToken('customer', 'strata-advisor').expect(400);
    expect(res.body.error).toBe('invalid_scope');
  });

  it('another grant type is 400 unsupported_grant_type, a missing field 400 invalid_request naming it', async () => {
    const grant = await identity.token({ grant_type: 'client_credentials', client_id: 'strata-mobile' }).expect(400);
    expect(grant.body.error).toBe('unsupported_grant_type');
    const missing = await identity.token({ grant_type: 'password', client_id: 'strata-mobile', username: PEOPLE.customer.username }).expect(400);
    expect(missing.body).toEqual({ error: 'invalid_request', error_description: 'password is required' });
  });

  it('a JSON body is 400 invalid_request: the token endpoint takes a form', async () => {
    const res = await request(identity.app).post('/oauth/token').send({ grant_type: 'password', client_id: 'strata-mobile', username: PEOPLE.customer.username, password: PEOPLE.customer.password }).expect(400);
    expect(res.body.error).toBe('invalid_request');
  });

  it('never logs passwords, usernames or tokens', async () => {
    const res = await identity.passwordToken('customer', 'strata-mobile').expect(200);
    await identity.token({ grant_type: 'password', client_id: 'strata-mobile', username: PEOPLE.customer.username, password: 'a-wrong-password' }).expect(400);
    const logs = identity.logs();
    expect(logs).toContain('access token issued');
    expect(logs).toContain('token request refused');
    for (const secret of [PEOPLE.customer.password, 'a-wrong-password', PEOPLE.customer.username, res.body.access_token]) expect(logs).not.toContain(secret);
  });
});
