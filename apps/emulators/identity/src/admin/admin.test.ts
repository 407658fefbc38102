import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import request from 'supertest';
import { ISSUER, makeDataDir, PEOPLE, removeDataDir, startIdentity } from '../__fixtures__/identity.harness';

let dataDir: string;
beforeEach(() => {
  dataDir = makeDataDir();
});
afterEach(() => removeDataDir(dataDir));

const newCustomer = { password: 'linus-password-1', subject: 'usr-linus', scopes: ['customer:read'], customerKey: 'CK-000042' };

describe('PUT /__admin/users/:username', () => {
  it('registers a user who can then sign in, with their golden key in the token, also after a restart', async () => {
    const identity = await startIdentity(dataDir);
    const res = await request(identity.app).put('/__admin/users/linus').send(newCustomer).expect(201);
    expect(res.body).toEqual({ username: 'linus', subject: 'usr-linus', scopes: ['customer:read'], customerKey: 'CK-000042' });
    expect(JSON.stringify(res.body)).not.toContain('password');

    const restarted = await startIdentity(dataDir);
    const token = await restarted.token({ grant_type: 'password', client_id: 'strata-mobile', username: 'linus', password: newCustomer.password }).expect(200);
    const keys = createLocalJWKSet((await request(restarted.app).get('/.well-known/jwks.json')).body as JSONWebKeySet);
    const { payload } = await jwtVerify(token.body.access_token, keys, { issuer: ISSUER, audience: 'strata-mobile' });
    expect(payload).toMatchObject({ sub: 'usr-linus', customer_key: 'CK-000042', scope: 'customer:read' });
  });

  it('replaces a user of the same name (200): the old password stops working', async () => {
    const identity = await startIdentity(dataDir);
    await request(identity.app).put(`/__admin/users/${encodeURIComponent(PEOPLE.customer.username)}`).send({ ...newCustomer, password: 'a-new-password-1' }).expect(200);
    await identity.passwordToken('customer', 'strata-mobile').expect(400);
    await identity.token({ grant_type: 'password', client_id: 'strata-mobile', username: PEOPLE.customer.username, password: 'a-new-password-1' }).expect(200);
  });

  it('refuses a bad registration with problem+json naming each field, and registers nobody', async () => {
    const identity = await startIdentity(dataDir);
    const res = await request(identity.app).put('/__admin/users/linus').send({ password: 'short', scopes: [], customerKey: '42' }).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.customerKey', 'body.password', 'body.scopes']);
    const users = await request(identity.app).get('/__admin/users').expect(200);
    expect(users.body.users.map((u: { username: string }) => u.username)).not.toContain('linus');
  });
});
