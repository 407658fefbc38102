import type { RequestHandler, Response } from 'express';
import { UnauthorizedError } from '@strata/errors';
import { ServiceTokenRejected, type ServiceTokenVerifier } from './service-token-verifier';
import type { ServiceCaller } from './service-token';

const CALLER = 'serviceCaller';
const REALM = 'strata-internal';

/**
 * Lets a request through only with `Authorization: Bearer <service token>` minted for
 * this service, so a Process or System API cannot be called around the edge. A refusal
 * is 401 problem+json saying why (no secret in it) with `WWW-Authenticate`, and it runs
 * before the body is parsed: an unauthenticated caller costs no JSON parsing.
 */
export function requireServiceToken(verifier: ServiceTokenVerifier): RequestHandler {
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec((req.get('authorization') ?? '').trim());
    if (!match?.[1]) {
      res.set('www-authenticate', `Bearer realm="${REALM}"`);
      return next(new UnauthorizedError(`${verifier.audience} only answers other Strata services: a service token is required`));
    }
    try {
      res.locals[CALLER] = verifier.verify(match[1]);
      next();
    } catch (error) {
      if (!(error instanceof ServiceTokenRejected)) return next(error);
      res.set('www-authenticate', `Bearer realm="${REALM}", error="invalid_token"`);
      next(new UnauthorizedError(`Service token refused: ${error.message}`));
    }
  };
}

/** The service that made this request, when {@link requireServiceToken} let it through. */
export function serviceCallerOf(res: Response): ServiceCaller | undefined {
  return res.locals[CALLER] as ServiceCaller | undefined;
}
