import { createHmac } from 'node:crypto';
import { Connection } from 'jsforce';
import { openDatabase, type Database } from '@strata/persistence';
import { LIMITS_BODY, TEST_CREDENTIALS, startTestOrg, type TestOrg } from './__fixtures__/test-org';

const { clientId, clientSecret, username, password, userId, orgId } = TEST_CREDENTIALS;

const tokenRequest = (org: TestOrg, form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${org.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });

describe('the OAuth token endpoint, as jsforce sees it', () => {
  let db: Database;
  let org: TestOrg;
  const connect = () => new Connection({ loginUrl: org.url, oauth2: { clientId, clientSecret, loginUrl: org.url } });

  beforeAll(async () => {
    db = await openDatabase();
    org = await startTestOrg({ db });
  }, 60_000);
  afterAll(async () => {
    await org?.close();
    await db?.close();
  });

  it('logs in with the username-password flow and serves a protected call with the session', async () => {
    const conn = connect();
    const userInfo = await conn.login(username, password);
    expect(userInfo).toEqual({ id: userId, organizationId: orgId, url: `${org.url}/id/${orgId}/${userId}` });
    expect(conn.instanceUrl).toBe(org.url);
    expect(conn.accessToken).toMatch(/^00D000000000001!/);
    await expect(conn.request('/limits')).resolves.toEqual(LIMITS_BODY);
  });

  it('refuses a wrong password with invalid_grant, which jsforce raises as the error name', async () => {
    await expect(connect().login(username, 'not-the-password')).rejects.toMatchObject({
      name: 'invalid_grant',
      message: 'authentication failure',
    });
  });

  it('refuses an unknown client and a wrong client secret with Salesforce error codes', async () => {
    const wrongId = new Connection({ oauth2: { clientId: 'nope', clientSecret, loginUrl: org.url } });
    await expect(wrongId.login(username, password)).rejects.toMatchObject({ name: 'invalid_client_id' });
    const wrongSecret = new Connection({ oauth2: { clientId, clientSecret: 'nope', loginUrl: org.url } });
    await expect(wrongSecret.login(username, password)).rejects.toMatchObject({
      name: 'invalid_client',
      message: 'invalid client credentials',
    });
  });

  it('authorizes with client credentials and gives no refresh token', async () => {
    const conn = connect();
    const userInfo = await conn.authorize({ grant_type: 'client_credentials' });
    expect(userInfo).toMatchObject({ id: userId, organizationId: orgId });
    expect(conn.refreshToken).toBeFalsy();
    await expect(conn.request('/limits')).resolves.toEqual(LIMITS_BODY);
  });

  it('accepts client credentials through HTTP Basic auth', async () => {
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    const res = await tokenRequest(org, { grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({ token_type: 'Bearer', scope: 'api' });
  });

  it('answers exactly the fields a real org sends, with a verifiable signature', async () => {
    const res = await tokenRequest(org, { grant_type: 'password', username, password, client_id: clientId, client_secret: clientSecret });
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(
      ['access_token', 'id', 'instance_url', 'issued_at', 'refresh_token', 'scope', 'signature', 'token_type'].sort(),
    );
    expect(body).toMatchObject({ instance_url: org.url, id: `${org.url}/id/${orgId}/${userId}`, token_type: 'Bearer', scope: 'api refresh_token' });
    expect(body['issued_at']).toMatch(/^\d{13}$/);
    const expected = createHmac('sha256', clientSecret).update(`${body['id']}${body['issued_at']}`).digest('base64');
    expect(body['signature']).toBe(expected);
  });

  it('refuses an unknown or missing grant type with unsupported_grant_type', async () => {
    for (const form of [{ grant_type: 'authorization_code', code: 'x' }, {}] as Record<string, string>[]) {
      const res = await tokenRequest(org, form);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'unsupported_grant_type', error_description: 'grant type not supported' });
    }
  });

  it('serves the identity of the session user to conn.identity()', async () => {
    const conn = connect();
    await conn.login(username, password);
    const identity = await conn.identity();
    expect(identity).toMatchObject({ user_id: userId, organization_id: orgId, username, display_name: username, email: username });
  });

  it('revokes an access token through jsforce logout, after which the token no longer works', async () => {
    const conn = connect();
    await conn.login(username, password);
    const token = conn.accessToken ?? '';
    await conn.logout();
    expect(await org.sessions.validate(token)).toBeUndefined();
    const res = await fetch(`${org.url}/services/data/v58.0/limits`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
  });

  it('answers revoke of an unknown token with 400 unsupported_token_type', async () => {
    const res = await fetch(`${org.url}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: 'not-a-token' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'unsupported_token_type' });
  });

  it('never writes secrets, passwords or tokens to its log', async () => {
    const conn = connect();
    await conn.login(username, password);
    await connect().login(username, 'wrong-password-for-log-test').catch(() => undefined);
    const log = org.logText();
    expect(log).toContain('oauth token issued');
    expect(log).toContain('oauth token refused');
    for (const secret of [password, clientSecret, 'wrong-password-for-log-test', conn.accessToken ?? '']) {
      expect(log).not.toContain(secret);
    }
  });
});
