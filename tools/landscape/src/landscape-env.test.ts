import { verifyApiKey } from '@strata/edge-security';
import { buildLandscapeEnv } from './landscape-env';

const IDENTITY = 'http://127.0.0.1:8385';

describe('buildLandscapeEnv', () => {
  it('registers the demo calling app with only the scrypt hash of its secret', async () => {
    const { env, demo } = await buildLandscapeEnv(IDENTITY);
    const clients = JSON.parse(env['API_CLIENTS'] ?? '') as { id: string; secretHash: string; tier: string }[];
    expect(clients).toHaveLength(1);
    expect(clients[0]).toMatchObject({ id: 'demo-app', tier: 'standard' });
    expect(await verifyApiKey(demo.client.secret, clients[0]?.secretHash ?? '')).toBe(true);
    expect(await verifyApiKey(`${demo.client.secret}x`, clients[0]?.secretHash ?? '')).toBe(false);
  });

  it('points the Experience APIs at the identity emulator', async () => {
    const { env } = await buildLandscapeEnv(IDENTITY);
    expect(env).toMatchObject({ JWKS_URL: `${IDENTITY}/.well-known/jwks.json`, JWT_ISSUER: IDENTITY });
  });

  it('gives the identity emulator the staff users, passwords hashed, with staff ids and advisor scopes', async () => {
    const { env, demo } = await buildLandscapeEnv(IDENTITY);
    const users = JSON.parse(env['IDENTITY_USERS'] ?? '') as { username: string; passwordHash: string; subject: string; scopes: string[] }[];
    expect(users.map((u) => [u.username, u.subject, u.scopes])).toEqual([
      ['demo.advisor', 'S-0001', ['advisor:read', 'advisor:reconcile']],
      ['demo.auditor', 'S-0002', ['advisor:read', 'advisor:audit']],
    ]);
    expect(await verifyApiKey(demo.advisor.password, users[0]?.passwordHash ?? '')).toBe(true);
    expect(await verifyApiKey(demo.auditor.password, users[1]?.passwordHash ?? '')).toBe(true);
  });

  it('makes a new 32-byte SERVICE_TOKEN_SECRET and new passwords each run, none of them in clear in the environment', async () => {
    const [first, second] = await Promise.all([buildLandscapeEnv(IDENTITY), buildLandscapeEnv(IDENTITY)]);
    const key = first.env['SERVICE_TOKEN_SECRET'] ?? '';
    expect(key).toMatch(/^[\w-]+$/);
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    expect(second.env['SERVICE_TOKEN_SECRET']).not.toBe(key);
    expect(second.demo.client.secret).not.toBe(first.demo.client.secret);
    expect(second.demo.customer.password).not.toBe(first.demo.customer.password);
    const everything = JSON.stringify(first.env);
    for (const secret of [first.demo.client.secret, first.demo.advisor.password, first.demo.auditor.password, first.demo.customer.password]) expect(everything).not.toContain(secret);
  });
});
