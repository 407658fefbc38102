import type { RequestHandler, Response } from 'express';
import { ForbiddenError, UnauthorizedError } from '@strata/errors';
import type { JwtVerifier, VerifiedToken } from './jwt-verifier';

const PRINCIPAL = 'principal';

/**
 * Requires `Authorization: Bearer <jwt>` and keeps the verified token for later
 * middleware and handlers ({@link principalOf}). A refusal is 401 problem+json with
 * `WWW-Authenticate: Bearer` (RFC 6750), so clients know to fetch a new token.
 */
export function requireBearerToken(verifier: JwtVerifier, options: { realm?: string } = {}): RequestHandler {
  const realm = options.realm ?? 'strata';
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim());
    if (!match?.[1]) {
      res.set('www-authenticate', `Bearer realm="${realm}"`);
      return next(new UnauthorizedError('A bearer token is required'));
    }
    try {
      res.locals[PRINCIPAL] = await verifier.verify(match[1]);
      next();
    } catch (error) {
      if (error instanceof UnauthorizedError) res.set('www-authenticate', `Bearer realm="${realm}", error="invalid_token"`);
      next(error);
    }
  };
}

/** The verified token of this request; throws when no bearer middleware ran (a wiring bug, not a client error). */
export function principalOf(res: Response): VerifiedToken {
  const principal = res.locals[PRINCIPAL] as VerifiedToken | undefined;
  if (!principal) throw new Error('principalOf: requireBearerToken did not run for this route');
  return principal;
}

/**
 * Requires a scope of the verified token. A missing scope is 403 problem+json with
 * `WWW-Authenticate: Bearer error="insufficient_scope"`: the user is known, the grant is too small.
 */
export function requireScope(scope: string): RequestHandler {
  return (_req, res, next) => {
    const principal = res.locals[PRINCIPAL] as VerifiedToken | undefined;
    if (!principal) return next(new UnauthorizedError('A bearer token is required'));
    if (principal.scopes.has(scope)) return next();
    res.set('www-authenticate', `Bearer error="insufficient_scope", scope="${scope}"`);
    next(new ForbiddenError(`This needs the ${scope} scope`, { details: { requiredScope: scope } }));
  };
}
