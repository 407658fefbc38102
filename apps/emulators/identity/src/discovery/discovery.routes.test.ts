import request from 'supertest';
import { ISSUER, makeDataDir, removeDataDir, startIdentity } from '../__fixtures__/identity.harness';

let dataDir: string;
let identity: Awaited<ReturnType<typeof startIdentity>>;

beforeAll(async () => {
  dataDir = makeDataDir();
  identity = await startIdentity(dataDir);
});
afterAll(() => removeDataDir(dataDir));

describe('discovery', () => {
  it('describes the provider: issuer, token endpoint, JWKS, the password grant', async () => {
    const res = await request(identity.app).get('/.well-known/openid-configuration').expect(200);
    expect(res.body).toMatchObject({
      issuer: ISSUER,
      token_endpoint: `${ISSUER}/oauth/token`,
      jwks_uri: `${ISSUER}/.well-known/jwks.json`,
      grant_types_supported: ['password'],
      id_token_signing_alg_values_supported: ['ES256'],
    });
    expect(res.body.scopes_supported).toEqual(expect.arrayContaining(['customer:read', 'customer:write', 'advisor:read', 'advisor:reconcile', 'advisor:audit']));
  });

  it('publishes ES256 public keys with a key id and never the private part', async () => {
    const res = await request(identity.app).get('/.well-known/jwks.json').expect(200);
    expect(res.body.keys).toHaveLength(1);
    const [key] = res.body.keys;
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(key.kid).toMatch(/^[\w-]{20,}$/);
    expect(key.d).toBeUndefined();
  });
});
