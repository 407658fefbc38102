import { Connection, type ConnectionConfig } from 'jsforce';
import { openDatabase, type Database } from '@strata/persistence';
import { JWT_BEARER_GRANT } from './jwt-bearer';
import { LIMITS_BODY, TEST_CREDENTIALS, assertionClaims, signAssertion, startTestOrg, type TestOrg } from './__fixtures__/test-org';
import type { TokenResponse } from './token-response';

const { clientId, clientSecret, username, password } = TEST_CREDENTIALS;
/** What jsforce calls when a request comes back 401 and the connection has no refresh token to use. */
type RefreshFn = NonNullable<ConnectionConfig['refreshFn']>;
const LIFETIME_MS = 15 * 60 * 1000;

describe('expired sessions, which jsforce refreshes and replays', () => {
  let db: Database;
  let org: TestOrg;
  const oauth2 = () => ({ clientId, clientSecret, loginUrl: org.url });
  const tokenEvents = (conn: Connection) => {
    const refreshed: string[] = [];
    conn.on('refresh', (token: string) => refreshed.push(token));
    return refreshed;
  };

  beforeAll(async () => {
    db = await openDatabase();
    org = await startTestOrg({ db, sessionLifetimeMs: LIFETIME_MS });
  }, 60_000);
  afterAll(async () => {
    await org?.close();
    await db?.close();
  });

  it('after the session lifetime passes, a password-flow connection logs in again and the call succeeds', async () => {
    const conn = new Connection({ oauth2: oauth2() });
    await conn.login(username, password);
    const firstToken = conn.accessToken;
    await conn.request('/limits');
    org.clock.advance(LIFETIME_MS + 1);
    expect(await org.sessions.validate(firstToken ?? '')).toBeUndefined();
    const served = org.servedCalls();
    await expect(conn.request('/limits')).resolves.toEqual(LIMITS_BODY);
    expect(conn.accessToken).not.toBe(firstToken);
    expect(org.servedCalls()).toBe(served + 1);
  });

  it('a connection holding a refresh token uses the refresh_token grant and keeps its refresh token', async () => {
    const login = (await new Connection({ oauth2: oauth2() }).oauth2.authenticate(username, password)) as TokenResponse;
    expect(login.refresh_token).toBeDefined();
    const conn = new Connection({
      oauth2: { clientId, loginUrl: org.url }, // no secret: jsforce sends none on refresh, the org must accept that
      instanceUrl: login.instance_url,
      accessToken: login.access_token,
      refreshToken: login.refresh_token,
    });
    const refreshed = tokenEvents(conn);
    org.clock.advance(LIFETIME_MS + 1);
    await expect(conn.request('/limits')).resolves.toEqual(LIMITS_BODY);
    expect(refreshed).toEqual([conn.accessToken]);
    expect(conn.accessToken).not.toBe(login.access_token);
    expect(conn.refreshToken).toBe(login.refresh_token);
  });

  it('refuses a revoked refresh token with invalid_grant, so the refresh fails loudly instead of looping', async () => {
    const login = (await new Connection({ oauth2: oauth2() }).oauth2.authenticate(username, password)) as TokenResponse;
    await org.sessions.revoke(login.refresh_token ?? '');
    expect(await org.sessions.validate(login.access_token)).toBeUndefined();
    const conn = new Connection({ oauth2: oauth2(), instanceUrl: login.instance_url, accessToken: login.access_token, refreshToken: login.refresh_token });
    await expect(conn.request('/limits')).rejects.toThrow('Unable to refresh session due to: expired access/refresh token');
  });

  it('the expire-all fault switch ends every live session, and clients recover by refreshing', async () => {
    const conn = new Connection({ oauth2: oauth2() });
    await conn.login(username, password);
    const firstToken = conn.accessToken;
    expect(await org.sessions.expireAll()).toBeGreaterThanOrEqual(1);
    expect(await org.sessions.validate(firstToken ?? '')).toBeUndefined();
    await expect(conn.request('/limits')).resolves.toEqual(LIMITS_BODY);
    expect(conn.accessToken).not.toBe(firstToken);
  });

  it('conn.identity() after expiry is refreshed too: the replay carries the new token in its header', async () => {
    const conn = new Connection({ oauth2: oauth2() });
    await conn.login(username, password);
    const firstToken = conn.accessToken;
    await org.sessions.expireAll();
    await expect(conn.identity()).resolves.toMatchObject({ user_id: TEST_CREDENTIALS.userId });
    expect(conn.accessToken).not.toBe(firstToken);
  });

  it('a client-credentials connection recovers only with a refreshFn that authorizes again', async () => {
    const reauthorize: RefreshFn = (c, callback) => {
      c.authorize({ grant_type: 'client_credentials' })
        .then(() => callback(null, c.accessToken ?? undefined))
        .catch((err: Error) => callback(err));
    };
    const withFn = new Connection({ oauth2: oauth2(), refreshFn: reauthorize });
    await withFn.authorize({ grant_type: 'client_credentials' });
    const firstToken = withFn.accessToken;
    const without = new Connection({ oauth2: oauth2() });
    await without.authorize({ grant_type: 'client_credentials' });

    await org.sessions.expireAll();
    await expect(withFn.request('/limits')).resolves.toEqual(LIMITS_BODY);
    expect(withFn.accessToken).not.toBe(firstToken);
    await expect(without.request('/limits')).rejects.toThrow('No refresh token found in the connection');
  });

  it('a JWT connection recovers with a refreshFn that signs a fresh assertion', async () => {
    // The org's clock runs ahead of the real one in this file, so assertions expire by it.
    const freshAssertion = () => signAssertion(assertionClaims({ exp: Math.floor(org.clock.now() / 1000) + 180 }));
    const reassert: RefreshFn = (c, callback) => {
      c.authorize({ grant_type: JWT_BEARER_GRANT, assertion: freshAssertion() })
        .then(() => callback(null, c.accessToken ?? undefined))
        .catch((err: Error) => callback(err));
    };
    const conn = new Connection({ oauth2: { clientId, loginUrl: org.url }, refreshFn: reassert });
    await conn.authorize({ grant_type: JWT_BEARER_GRANT, assertion: freshAssertion() });
    const firstToken = conn.accessToken;
    org.clock.advance(LIFETIME_MS + 1);
    await expect(conn.request('/limits')).resolves.toEqual(LIMITS_BODY);
    expect(conn.accessToken).not.toBe(firstToken);
  });
});
