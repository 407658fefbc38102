import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { ActiveKey } from '../keys/signing-keys';
import type { Grant } from './password-grant';

/** The token endpoint's success body (RFC 6749 §5.1). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/**
 * Signs a JWT access token (RFC 9068 shape, `typ: at+jwt`): `iss`, `sub`, `aud` = the
 * client id, `client_id`, `iat`, `exp`, a unique `jti`, space-separated `scope`, and
 * for customers the `customer_key` claim the mobile API reads their golden key from.
 */
export async function issueAccessToken(grant: Grant, key: ActiveKey, options: { issuer: string; ttlSeconds: number; now?: number }): Promise<TokenResponse> {
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const scope = grant.scopes.join(' ');
  const claims = {
    scope,
    client_id: grant.client.id,
    ...(grant.user.customerKey ? { customer_key: grant.user.customerKey } : {}),
    ...(grant.user.name ? { name: grant.user.name } : {}),
  };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'at+jwt' })
    .setIssuer(options.issuer)
    .setSubject(grant.user.subject)
    .setAudience(grant.client.id)
    .setIssuedAt(now)
    .setExpirationTime(now + options.ttlSeconds)
    .setJti(randomUUID())
    .sign(key.privateKey);
  return { access_token: token, token_type: 'Bearer', expires_in: options.ttlSeconds, scope };
}
