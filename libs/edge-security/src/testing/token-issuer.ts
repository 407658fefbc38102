import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { listenOnFreePort, type ListeningServer } from '@strata/testing';

export const ISSUER = 'https://id.example.test/';
export const AUDIENCE = 'strata-mobile';

/** Token fields a test may override; `expiresIn` is seconds from now (negative: already expired). */
export interface TokenOptions {
  claims?: JWTPayload;
  subject?: string;
  issuer?: string;
  audience?: string;
  expiresIn?: number;
  /** Sign with a key the JWKS does not publish (under the published key id). */
  foreignKey?: boolean;
}

/**
 * A stand-in identity provider for tests: an ES256 key pair made for the test, its
 * public key served as a JWKS on a local port, and tokens signed with it.
 */
export async function startTokenIssuer(): Promise<{ jwksUrl: string; sign: (options?: TokenOptions) => Promise<string>; close: () => Promise<void> }> {
  const kid = 'test-key-1';
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const foreign = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const server: ListeningServer = await listenOnFreePort((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  const sign = async (options: TokenOptions = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ scope: 'customer:read customer:write', ...options.claims })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject(options.subject ?? 'user-1')
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt(now - 5)
      .setExpirationTime(now + (options.expiresIn ?? 300))
      .sign(options.foreignKey ? foreign.privateKey : privateKey);
  };
  return { jwksUrl: `${server.url}/.well-known/jwks.json`, sign, close: () => server.close() };
}
