import type { RequestHandler, Response } from 'express';
import { UnauthorizedError } from '@strata/errors';
import type { ApiClientRegistry, AuthenticatedClient } from './api-keys';

const CLIENT = 'apiClient';

/**
 * Requires the calling app to identify itself with `x-client-id` and `x-client-secret`
 * (checked against hashed secrets); an unknown id or wrong secret is 401 problem+json
 * with `WWW-Authenticate: ApiKey`. The app is then available to rate limits ({@link apiClientOf}).
 */
export function requireApiClient(registry: ApiClientRegistry): RequestHandler {
  return async (req, res, next) => {
    const id = req.get('x-client-id');
    const secret = req.get('x-client-secret');
    const client = id && secret ? await registry.authenticate(id, secret) : undefined;
    if (!client) {
      res.set('www-authenticate', 'ApiKey header="x-client-id, x-client-secret"');
      return next(new UnauthorizedError('A registered client id and secret are required (x-client-id, x-client-secret)'));
    }
    res.locals[CLIENT] = client;
    next();
  };
}

/** The calling app of this request, when `requireApiClient` accepted it. */
export function apiClientOf(res: Response): AuthenticatedClient | undefined {
  return res.locals[CLIENT] as AuthenticatedClient | undefined;
}
