import { parseToken, sameSignature, signature, type ServiceCaller } from './service-token';

export interface ServiceTokenVerifierOptions {
  /** Secrets accepted, current first; a second one lets a rotation roll out without downtime. */
  secrets: string[];
  /** This service's own name: a token minted for another service is refused. */
  audience: string;
  /** Clock skew tolerated between hosts. Default 5 s. */
  clockToleranceSeconds?: number;
  /** Longest lifetime accepted (exp − iat). Default 600 s, so no long-lived token can be minted and replayed. */
  maxTtlSeconds?: number;
  /** Clock in ms; tests move it. */
  now?: () => number;
}

/** Why a token was refused; safe to show the caller (it names no secret). */
export class ServiceTokenRejected extends Error {}

/** Checks service tokens presented to one service. */
export interface ServiceTokenVerifier {
  /** The caller, or throws {@link ServiceTokenRejected} saying why not. */
  verify(token: string): ServiceCaller;
  readonly audience: string;
}

const isName = (value: unknown): value is string => typeof value === 'string' && /^[a-z0-9][a-z0-9-]{0,62}$/.test(value);

/** Verified tokens remembered per verifier; when full it starts over (callers renew every minute anyway). */
const MAX_REMEMBERED = 1000;

interface Verified {
  caller: ServiceCaller;
  iat: number;
  exp: number;
}

/**
 * Creates the verifier for one service. A caller presents the same token for a minute
 * (issuers renew at half-life), so a token that verified is remembered by its exact
 * text and later presentations skip the HMAC and the parsing; what depends on the
 * clock (expiry, issued in the future) is checked on every call, so remembering never
 * extends a token's life. A token that fails is never remembered.
 */
export function createServiceTokenVerifier(options: ServiceTokenVerifierOptions): ServiceTokenVerifier {
  const secrets = options.secrets.filter((secret) => secret.length > 0);
  if (secrets.length === 0) throw new Error('a service token verifier needs at least one secret');
  const tolerance = options.clockToleranceSeconds ?? 5;
  const maxTtl = options.maxTtlSeconds ?? 600;
  const now = options.now ?? Date.now;
  const remembered = new Map<string, Verified>();
  const checkClock = ({ iat, exp }: { iat: number; exp: number }) => {
    const nowSeconds = now() / 1000;
    if (exp + tolerance <= nowSeconds) throw new ServiceTokenRejected('expired');
    if (iat - tolerance > nowSeconds) throw new ServiceTokenRejected('issued in the future');
  };
  const verifyInFull = (token: string): Verified => {
    const parsed = parseToken(token);
    if (!parsed) throw new ServiceTokenRejected('not a Strata service token');
    if (!secrets.some((secret) => sameSignature(signature(secret, parsed.signingInput), parsed.signature))) {
      throw new ServiceTokenRejected('signature does not verify');
    }
    const { iss, aud, iat, exp } = parsed.claims;
    if (!isName(iss)) throw new ServiceTokenRejected('no calling service (iss)');
    if (aud !== options.audience) throw new ServiceTokenRejected(`minted for another service, not ${options.audience}`);
    if (typeof iat !== 'number' || typeof exp !== 'number') throw new ServiceTokenRejected('no iat or exp');
    checkClock({ iat, exp });
    if (exp - iat > maxTtl) throw new ServiceTokenRejected(`lives longer than ${maxTtl} s`);
    return { caller: { service: iss, expiresAt: exp }, iat, exp };
  };
  return {
    audience: options.audience,
    verify(token) {
      const known = remembered.get(token);
      if (known) {
        checkClock(known);
        return { ...known.caller };
      }
      const verified = verifyInFull(token);
      if (remembered.size >= MAX_REMEMBERED) remembered.clear();
      remembered.set(token, verified);
      return { ...verified.caller };
    },
  };
}
