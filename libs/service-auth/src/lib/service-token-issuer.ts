import { claimsFor, MIN_SECRET_LENGTH, signClaims } from './service-token';

export interface ServiceTokenIssuerOptions {
  /** The shared signing secret (`SERVICE_TOKEN_SECRET`). */
  secret: string;
  /** This service's name, as the callee will see it (`iss`). */
  service: string;
  /** Token lifetime. Default 120 s: a leaked token is useless within minutes. */
  ttlSeconds?: number;
  /** Clock in ms; tests move it. */
  now?: () => number;
}

/** Mints the short-lived tokens one service presents to the APIs behind it. */
export interface ServiceTokenIssuer {
  /** A token for calls to `audience` (the callee's service name); reused until half its life is gone. */
  tokenFor(audience: string): string;
  /** `getServiceToken` for an http-client talking to `audience`. */
  sourceFor(audience: string): () => string;
}

/**
 * Creates the issuer a service's http-clients draw their tokens from. Tokens are
 * cached per audience and renewed at half-life, so a token is signed once a minute,
 * not once per call, and a call never leaves with a token about to expire in flight.
 */
export function createServiceTokenIssuer(options: ServiceTokenIssuerOptions): ServiceTokenIssuer {
  if (options.secret.length < MIN_SECRET_LENGTH) throw new Error(`service token secret must be at least ${MIN_SECRET_LENGTH} characters`);
  const ttlSeconds = options.ttlSeconds ?? 120;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { token: string; renewAt: number }>();
  const tokenFor = (audience: string): string => {
    const nowMs = now();
    const cached = cache.get(audience);
    if (cached && nowMs < cached.renewAt) return cached.token;
    const token = signClaims(options.secret, claimsFor(options.service, audience, Math.floor(nowMs / 1000), ttlSeconds));
    cache.set(audience, { token, renewAt: nowMs + (ttlSeconds * 1000) / 2 });
    return token;
  };
  return { tokenFor, sourceFor: (audience) => () => tokenFor(audience) };
}
