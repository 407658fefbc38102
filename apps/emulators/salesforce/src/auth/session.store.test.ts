import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from 'jsforce';
import { openDatabase, type Database } from '@strata/persistence';
import { hashToken, SessionStore } from './session.store';
import { LIMITS_BODY, TEST_CREDENTIALS, manualClock, startTestOrg } from './__fixtures__/test-org';
import type { TokenResponse } from './token-response';

const { clientId, clientSecret, username, password, userId, orgId } = TEST_CREDENTIALS;
const owner = { clientId, userId, orgId, grantType: 'password' };

describe('SessionStore', () => {
  let db: Database;
  const clock = manualClock();
  let store: SessionStore;

  beforeAll(async () => {
    db = await openDatabase();
    store = await SessionStore.open(db, { lifetimeMs: 60_000, clock: clock.now });
  }, 60_000);
  afterAll(() => db?.close());

  it('stores only sha256 hashes of access and refresh tokens, never the tokens', async () => {
    const { session, refreshToken } = await store.issue({ ...owner, withRefreshToken: true });
    const sessions = await db.query('SELECT * FROM oauth_sessions');
    const refreshTokens = await db.query('SELECT * FROM oauth_refresh_tokens');
    const stored = JSON.stringify([sessions.rows, refreshTokens.rows]);
    expect(stored).not.toContain(session.accessToken);
    expect(stored).not.toContain(refreshToken);
    expect(stored).not.toContain(session.accessToken.split('!')[1]);
    expect(sessions.rows.map((row) => row['token_hash'])).toContain(hashToken(session.accessToken));
    expect(refreshTokens.rows.map((row) => row['token_hash'])).toContain(hashToken(refreshToken ?? ''));
  });

  it('issues Salesforce-shaped, unique tokens', async () => {
    const a = await store.issue({ ...owner, withRefreshToken: true });
    const b = await store.issue({ ...owner, withRefreshToken: false });
    expect(a.session.accessToken).toMatch(/^00D000000000001![A-Za-z0-9_-]{96}$/);
    expect(a.refreshToken).toMatch(/^5Aep861[A-Za-z0-9_-]{80}$/);
    expect(b.refreshToken).toBeUndefined();
    expect(a.session.accessToken).not.toBe(b.session.accessToken);
  });

  it('validates a live token into its session and forgets it once the lifetime has passed', async () => {
    const { session } = await store.issue({ ...owner, withRefreshToken: false });
    await expect(store.validate(session.accessToken)).resolves.toEqual(session);
    clock.advance(59_999);
    await expect(store.validate(session.accessToken)).resolves.toBeDefined();
    clock.advance(1);
    await expect(store.validate(session.accessToken)).resolves.toBeUndefined();
    await expect(store.validate('00D000000000001!unknown')).resolves.toBeUndefined();
  });

  it('revoking a refresh token also ends the sessions it produced; revoking an access token ends only that one', async () => {
    const first = await store.issue({ ...owner, withRefreshToken: true });
    const refreshed = await store.refresh(first.refreshToken ?? '', clientId);
    expect(refreshed).toBeDefined();
    const other = await store.issue({ ...owner, withRefreshToken: false });
    await expect(store.revoke(other.session.accessToken)).resolves.toBe(true);
    await expect(store.validate(other.session.accessToken)).resolves.toBeUndefined();
    await expect(store.validate(first.session.accessToken)).resolves.toBeDefined();
    await expect(store.revoke(first.refreshToken ?? '')).resolves.toBe(true);
    await expect(store.validate(first.session.accessToken)).resolves.toBeUndefined();
    await expect(store.validate(refreshed?.accessToken ?? '')).resolves.toBeUndefined();
    await expect(store.revoke(first.refreshToken ?? '')).resolves.toBe(false);
  });

  it('refreshes only for the client the refresh token was issued to', async () => {
    const { refreshToken } = await store.issue({ ...owner, withRefreshToken: true });
    await expect(store.refresh(refreshToken ?? '', 'another-client')).resolves.toBeUndefined();
    await expect(store.refresh('5Aep861unknown', clientId)).resolves.toBeUndefined();
  });

  it('expireAll ends live sessions but leaves refresh tokens usable', async () => {
    const { session, refreshToken } = await store.issue({ ...owner, withRefreshToken: true });
    expect(await store.expireAll()).toBeGreaterThanOrEqual(1);
    await expect(store.validate(session.accessToken)).resolves.toBeUndefined();
    const renewed = await store.refresh(refreshToken ?? '', clientId);
    await expect(store.validate(renewed?.accessToken ?? '')).resolves.toBeDefined();
  });
});

describe('sessions across an emulator restart', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'strata-auth-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps access and refresh tokens valid when the org restarts over the same data folder', async () => {
    const firstDb = await openDatabase({ dataDir });
    const before = await startTestOrg({ db: firstDb });
    const conn = new Connection({ oauth2: { clientId, clientSecret, loginUrl: before.url } });
    const login = (await conn.oauth2.authenticate(username, password)) as TokenResponse;
    await before.close();
    await firstDb.close();

    const secondDb = await openDatabase({ dataDir });
    const after = await startTestOrg({ db: secondDb });
    try {
      // A new port after the restart, so point the connection at it; no refresh is possible here.
      const resumed = new Connection({ instanceUrl: after.url, accessToken: login.access_token });
      await expect(resumed.request('/limits')).resolves.toEqual(LIMITS_BODY);
      const refresher = new Connection({ oauth2: { clientId, clientSecret, loginUrl: after.url } });
      await expect(refresher.oauth2.refreshToken(login.refresh_token ?? '')).resolves.toMatchObject({ instance_url: after.url });
    } finally {
      await after.close();
      await secondDb.close();
    }
  }, 120_000);
});
