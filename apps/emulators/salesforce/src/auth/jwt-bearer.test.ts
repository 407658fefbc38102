import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { Connection } from 'jsforce';
import { openDatabase, type Database } from '@strata/persistence';
import { JWT_BEARER_GRANT } from './jwt-bearer';
import {
  LIMITS_BODY,
  TEST_CREDENTIALS,
  TEST_PRIVATE_KEY_PEM,
  assertionClaims,
  signAssertion,
  startTestOrg,
  type TestOrg,
} from './__fixtures__/test-org';

const { clientId, userId, orgId } = TEST_CREDENTIALS;

describe('the JWT bearer grant', () => {
  let db: Database;
  let org: TestOrg;
  let keyOnlyOrg: TestOrg;
  /** jsforce does not sign: the caller builds the assertion and passes it through authorize(). */
  const authorize = (target: TestOrg, assertion: string) =>
    new Connection({ oauth2: { clientId, loginUrl: target.url } }).authorize({ grant_type: JWT_BEARER_GRANT, assertion });

  beforeAll(async () => {
    db = await openDatabase();
    org = await startTestOrg({ db });
    const publicKeyPem = createPublicKey(TEST_PRIVATE_KEY_PEM).export({ type: 'spki', format: 'pem' }).toString();
    keyOnlyOrg = await startTestOrg({ db, config: { jwtCertificatePem: undefined, jwtPublicKeyPem: publicKeyPem } });
  }, 60_000);
  afterAll(async () => {
    await org?.close();
    await keyOnlyOrg?.close();
    await db?.close();
  });

  it('exchanges an assertion signed by the certificate holder for a working session without a refresh token', async () => {
    const conn = new Connection({ oauth2: { clientId, loginUrl: org.url } });
    const userInfo = await conn.authorize({ grant_type: JWT_BEARER_GRANT, assertion: signAssertion(assertionClaims()) });
    expect(userInfo).toMatchObject({ id: userId, organizationId: orgId });
    expect(conn.refreshToken).toBeFalsy();
    await expect(conn.request('/limits')).resolves.toEqual(LIMITS_BODY);
  });

  it('accepts the org login URL and test.salesforce.com as audience, also inside an array', async () => {
    for (const aud of [org.url, `${org.url}/`, 'https://test.salesforce.com', ['https://example.com', org.url]]) {
      await expect(authorize(org, signAssertion(assertionClaims({ aud })))).resolves.toMatchObject({ id: userId });
    }
  });

  it('verifies with a bare public key when that is configured instead of a certificate', async () => {
    await expect(authorize(keyOnlyOrg, signAssertion(assertionClaims()))).resolves.toMatchObject({ id: userId });
  });

  it('refuses an assertion signed by another key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = signAssertion(assertionClaims(), privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    await expect(authorize(org, forged)).rejects.toMatchObject({ name: 'invalid_grant', message: 'invalid assertion' });
  });

  it('refuses a tampered payload even with a genuine signature', async () => {
    const [header, , signature] = signAssertion(assertionClaims()).split('.');
    const payload = Buffer.from(JSON.stringify(assertionClaims({ sub: 'admin@strata.test' }))).toString('base64url');
    await expect(authorize(org, `${header}.${payload}.${signature}`)).rejects.toMatchObject({ name: 'invalid_grant', message: 'invalid assertion' });
  });

  it('refuses a wrong audience', async () => {
    const assertion = signAssertion(assertionClaims({ aud: 'https://evil.example.com' }));
    await expect(authorize(org, assertion)).rejects.toMatchObject({ name: 'invalid_grant', message: 'audience is invalid' });
  });

  it('refuses a subject other than the integration user', async () => {
    const assertion = signAssertion(assertionClaims({ sub: 'someone.else@strata.test' }));
    await expect(authorize(org, assertion)).rejects.toMatchObject({ name: 'invalid_grant', message: "user hasn't approved this consumer" });
  });

  it('refuses an expired assertion, beyond the allowed clock skew', async () => {
    const assertion = signAssertion(assertionClaims({ exp: Math.floor(Date.now() / 1000) - 120 }));
    await expect(authorize(org, assertion)).rejects.toMatchObject({ name: 'invalid_grant', message: 'expired authorization code' });
  });

  it('tolerates an assertion that expired within the clock skew', async () => {
    const assertion = signAssertion(assertionClaims({ exp: Math.floor(Date.now() / 1000) - 10 }));
    await expect(authorize(org, assertion)).resolves.toMatchObject({ id: userId });
  });

  it('refuses an issuer other than the connected app with invalid_client_id', async () => {
    const assertion = signAssertion(assertionClaims({ iss: 'someone-elses-app' }));
    await expect(authorize(org, assertion)).rejects.toMatchObject({ name: 'invalid_client_id' });
  });

  it('refuses unsigned and HMAC assertions and garbage, whatever the claims say', async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none' })}.${encode(assertionClaims())}.`;
    const [, payload, signature] = signAssertion(assertionClaims()).split('.');
    const hmacHeader = `${encode({ alg: 'HS256', typ: 'JWT' })}.${payload}.${signature}`;
    for (const assertion of [unsigned, hmacHeader, 'not-a-jwt', 'a.b.c']) {
      await expect(authorize(org, assertion)).rejects.toMatchObject({ name: 'invalid_grant', message: 'invalid assertion' });
    }
  });
});
