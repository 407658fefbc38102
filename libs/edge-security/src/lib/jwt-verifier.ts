import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { UnauthorizedError, UpstreamUnavailableError } from '@strata/errors';

/** Where end-user tokens come from and whom they must be for. */
export interface JwtVerifierOptions {
  /** The identity provider's JWKS document; keys are fetched on demand and cached. */
  jwksUrl: string;
  /** The `iss` every token must carry. */
  issuer: string;
  /** The `aud` every token must name (this API). */
  audience: string;
  /** Leeway for clocks that disagree, in seconds. Default 30. */
  clockToleranceSeconds?: number;
  /** Accepted signature algorithms; `none` and HMAC are never accepted. Default RS256 and ES256. */
  algorithms?: string[];
  /** Deadline of one JWKS fetch. Default 2000 ms, like every other outbound call. */
  jwksTimeoutMs?: number;
  /** Replaces the remote key set (tests that hold keys in memory). */
  keySet?: JWTVerifyGetKey;
}

/** A token that passed every check: who it is for and what it may do. */
export interface VerifiedToken {
  subject: string;
  scopes: ReadonlySet<string>;
  claims: JWTPayload;
}

export interface JwtVerifier {
  verify(token: string): Promise<VerifiedToken>;
}

/** `scope` is a space-separated string (RFC 8693); some providers send `scp` as an array. */
function scopesOf(claims: JWTPayload): Set<string> {
  const raw = claims['scope'] ?? claims['scp'];
  if (typeof raw === 'string') return new Set(raw.split(' ').filter(Boolean));
  if (Array.isArray(raw)) return new Set(raw.filter((s): s is string => typeof s === 'string'));
  return new Set();
}

/** Why a token was refused, in words safe to return (never the token or its claims). */
function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The token's ${error.claim} claim is not accepted`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey) return 'The token signature is not valid';
  return 'The token is not valid';
}

/**
 * Verifies end-user bearer tokens against the identity provider's published keys:
 * signature (asymmetric only, so a leaked verifier cannot mint tokens), issuer,
 * audience and expiry, with a small clock leeway. A refused token is an
 * `UnauthorizedError` whose message says which check failed, never the token; keys
 * that cannot be fetched are an `UpstreamUnavailableError` (503/504), not the user's fault.
 */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const keySet = options.keySet ?? createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: options.jwksTimeoutMs ?? 2000 });
  const algorithms = options.algorithms ?? ['RS256', 'ES256'];
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keySet, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms,
          clockTolerance: options.clockToleranceSeconds ?? 30,
          requiredClaims: ['exp', 'sub'],
        });
        return { subject: payload.sub ?? '', scopes: scopesOf(payload), claims: payload };
      } catch (error) {
        // The keys could not be fetched: the provider is down, not the token bad (503/504, retry later).
        if (error instanceof joseErrors.JWKSTimeout) throw new UpstreamUnavailableError('The identity provider did not answer in time', { upstream: 'identity-provider', reason: 'timeout', cause: error });
        if (!(error instanceof joseErrors.JOSEError)) throw new UpstreamUnavailableError('The identity provider cannot be reached', { upstream: 'identity-provider', reason: 'connection', cause: error });
        throw new UnauthorizedError(reasonOf(error), { cause: error });
      }
    },
  };
}
