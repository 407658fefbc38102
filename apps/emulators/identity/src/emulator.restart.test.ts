import { statSync } from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import request from 'supertest';
import { ISSUER, makeDataDir, removeDataDir, startIdentity } from './__fixtures__/identity.harness';

let dataDir: string;
beforeEach(() => {
  dataDir = makeDataDir();
});
afterEach(() => removeDataDir(dataDir));

async function keysOf(app: Awaited<ReturnType<typeof startIdentity>>['app']) {
  return createLocalJWKSet((await request(app).get('/.well-known/jwks.json').expect(200)).body as JSONWebKeySet);
}

describe('signing keys across restarts and rotations', () => {
  it('a restart over the same DATA_DIR keeps the key: a token issued before it still verifies', async () => {
    const before = await startIdentity(dataDir);
    const token = (await before.passwordToken('customer', 'strata-mobile').expect(200)).body.access_token as string;

    const after = await startIdentity(dataDir);
    await expect(jwtVerify(token, await keysOf(after.app), { issuer: ISSUER, audience: 'strata-mobile' })).resolves.toBeDefined();
    expect(after.keys.signingKey().kid).toBe(before.keys.signingKey().kid);
  });

  it('a new DATA_DIR is a new key: the old token does not verify there', async () => {
    const first = await startIdentity(dataDir);
    const token = (await first.passwordToken('customer', 'strata-mobile').expect(200)).body.access_token as string;
    const otherDir = makeDataDir();
    try {
      const other = await startIdentity(otherDir);
      await expect(jwtVerify(token, await keysOf(other.app), { issuer: ISSUER, audience: 'strata-mobile' })).rejects.toThrow();
    } finally {
      removeDataDir(otherDir);
    }
  });

  it('keeps the private keys readable by its own user only', async () => {
    await startIdentity(dataDir);
    expect(statSync(path.join(dataDir, 'signing-keys.json')).mode & 0o077).toBe(0);
  });

  it('rotation signs new tokens with a new key and keeps the old public key published, also after a restart', async () => {
    const identity = await startIdentity(dataDir);
    const old = (await identity.passwordToken('customer', 'strata-mobile').expect(200)).body.access_token as string;
    const oldKid = decodeProtectedHeader(old).kid;

    const rotated = await request(identity.app).post('/__admin/signing-keys').expect(201);
    expect(rotated.body.kid).not.toBe(oldKid);
    expect(rotated.body.published).toEqual([rotated.body.kid, oldKid]);
    const fresh = (await identity.passwordToken('customer', 'strata-mobile').expect(200)).body.access_token as string;
    expect(decodeProtectedHeader(fresh).kid).toBe(rotated.body.kid);

    const restarted = await startIdentity(dataDir);
    const keys = await keysOf(restarted.app);
    for (const token of [old, fresh]) await expect(jwtVerify(token, keys, { issuer: ISSUER, audience: 'strata-mobile' })).resolves.toBeDefined();
  });

  it('publishes at most the configured number of keys, dropping the oldest', async () => {
    const identity = await startIdentity(dataDir);
    const first = identity.keys.signingKey().kid;
    for (let i = 0; i < 3; i += 1) await identity.keys.rotate();
    const kids = identity.keys.jwks().keys.map((k) => k.kid);
    expect(kids).toHaveLength(3);
    expect(kids).not.toContain(first);
  });
});
