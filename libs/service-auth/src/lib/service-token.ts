import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * The `typ` of a Strata service token. A verifier refuses any other `typ`, so an end
 * user's JWT (`typ: JWT`, signed by the identity provider) can never pass as a service
 * token, even if someone configured the same secret on both sides by mistake.
 */
export const SERVICE_TOKEN_TYPE = 'strata-service+jwt';

/** Shortest secret accepted: 32 bytes of base64url, HS256's full key strength. */
export const MIN_SECRET_LENGTH = 32;

/** What a verified service token says: which service called, and when the token ends. */
export interface ServiceCaller {
  /** The calling service's name (`process-customer-sync`), from the `iss` claim. */
  service: string;
  /** Expiry, seconds since the epoch. */
  expiresAt: number;
}

interface Claims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  jti: string;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: SERVICE_TOKEN_TYPE })).toString('base64url');

/** HS256 over `header.payload`: node's HMAC, no JWT library, because the format is fixed. */
export function signature(secret: string, signingInput: string): string {
  return createHmac('sha256', secret).update(signingInput).digest('base64url');
}

/** Signs claims as a compact JWS with the one header Strata uses. */
export function signClaims(secret: string, claims: Claims): string {
  const input = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${signature(secret, input)}`;
}

/** Fresh claims for `caller` calling `audience`, valid for `ttlSeconds` from `nowSeconds`. */
export function claimsFor(caller: string, audience: string, nowSeconds: number, ttlSeconds: number): Claims {
  return { iss: caller, sub: caller, aud: audience, iat: nowSeconds, exp: nowSeconds + ttlSeconds, jti: randomUUID() };
}

/** Compares two base64url signatures in constant time (length first: lengths are public). */
export function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Splits a compact JWS and checks its header is exactly Strata's: `alg` is never read
 * from the token to choose an algorithm (the `alg: none` and key-confusion attacks
 * start there), it must simply equal HS256.
 */
export function parseToken(token: string): { signingInput: string; signature: string; claims: Partial<Claims> } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as unknown;
    if (!claims || typeof claims !== 'object' || Array.isArray(claims)) return undefined;
    return { signingInput: `${parts[0]}.${parts[1]}`, signature: parts[2] ?? '', claims: claims as Partial<Claims> };
  } catch {
    return undefined;
  }
}
