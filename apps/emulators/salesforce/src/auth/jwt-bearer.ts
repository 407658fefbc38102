import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { SALESFORCE_LOGIN_AUDIENCES, type AuthConfig } from './auth.config';
import { oauthErrors } from './token-response';

/** The grant type jsforce passes through unchanged in `conn.authorize({ grant_type, assertion })`. */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Leeway for clocks that disagree a little, as every JWT verifier allows (RFC 7519 §4.1.4). */
export const JWT_CLOCK_SKEW_MS = 60_000;

/** The claims a Salesforce JWT bearer assertion carries. */
export interface JwtBearerClaims {
  /** The connected app's client id. */
  iss: string;
  /** The username the client acts as. */
  sub: string;
  /** The login URL (a string, or an array of which one must match). */
  aud: string | string[];
  /** Expiry in seconds since the epoch. */
  exp: number;
  nbf?: number;
  iat?: number;
}

/** What an assertion must satisfy to be exchanged for a session. */
export interface JwtBearerPolicy {
  /** The connected app's uploaded certificate key; undefined when none is configured. */
  publicKey: KeyObject | undefined;
  clientId: string;
  username: string;
  audiences: readonly string[];
  /** Now, in milliseconds since the epoch. */
  now: number;
  clockSkewMs?: number;
}

/**
 * The public key that verifies assertions: from the certificate (what a real connected
 * app stores) or from a bare public key, parsed once at start-up.
 */
export function jwtVerificationKey(config: Pick<AuthConfig, 'jwtCertificatePem' | 'jwtPublicKeyPem'>): KeyObject | undefined {
  const pem = config.jwtCertificatePem ?? config.jwtPublicKeyPem;
  return pem === undefined ? undefined : createPublicKey(pem);
}

/** The audiences a real org accepts: its own login URL and the two public login hosts. */
export function jwtAudiences(config: Pick<AuthConfig, 'loginUrl'>): string[] {
  return [...new Set([config.loginUrl, ...SALESFORCE_LOGIN_AUDIENCES].map(withoutTrailingSlash))];
}

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * Verifies a JWT bearer assertion the way Salesforce does: RS256 only (never `none` or
 * an HMAC algorithm, which would let a client forge assertions with the public key),
 * signature by the connected app's certificate, `iss` the client id, `aud` a login URL,
 * `exp` not passed, `sub` the integration user. Returns the claims when all hold.
 * @throws OAuthError with Salesforce's error and description for the first failed check.
 */
export function verifyJwtBearerAssertion(assertion: string, policy: JwtBearerPolicy): JwtBearerClaims {
  const parts = assertion.split('.');
  if (parts.length !== 3) throw oauthErrors.invalidAssertion();
  const [encodedHeader = '', encodedPayload = '', encodedSignature = ''] = parts;
  const header = decodeJsonSegment(encodedHeader);
  const claims = decodeJsonSegment(encodedPayload);
  if (header?.['alg'] !== 'RS256' || claims === undefined) throw oauthErrors.invalidAssertion();
  if (claims['iss'] !== policy.clientId) throw oauthErrors.unknownClient();
  if (!signatureHolds(`${encodedHeader}.${encodedPayload}`, encodedSignature, policy.publicKey)) {
    throw oauthErrors.invalidAssertion();
  }
  if (!audienceMatches(claims['aud'], policy.audiences)) throw oauthErrors.audienceInvalid();
  checkTimes(claims, policy.now, policy.clockSkewMs ?? JWT_CLOCK_SKEW_MS);
  if (claims['sub'] !== policy.username) throw oauthErrors.userNotApproved();
  return claims as unknown as JwtBearerClaims;
}

function decodeJsonSegment(segment: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function signatureHolds(signedPart: string, encodedSignature: string, publicKey: KeyObject | undefined): boolean {
  if (publicKey === undefined || !/^[A-Za-z0-9_-]+$/.test(encodedSignature)) return false;
  try {
    return verify('RSA-SHA256', Buffer.from(signedPart, 'ascii'), publicKey, Buffer.from(encodedSignature, 'base64url'));
  } catch {
    return false;
  }
}

function audienceMatches(aud: unknown, accepted: readonly string[]): boolean {
  const candidates = Array.isArray(aud) ? aud : [aud];
  return candidates.some((value) => typeof value === 'string' && accepted.includes(withoutTrailingSlash(value)));
}

function checkTimes(claims: Record<string, unknown>, now: number, skewMs: number): void {
  const exp = claims['exp'];
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw oauthErrors.invalidAssertion();
  if (exp * 1000 + skewMs <= now) throw oauthErrors.expiredAssertion();
  const nbf = claims['nbf'];
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf * 1000 - skewMs > now)) throw oauthErrors.invalidAssertion();
}
