import express, { Router, type Request } from 'express';
import type { Logger } from '@strata/logging';
import type { SigningKeys } from '../keys/signing-keys';
import type { UserDirectory } from '../users/user-directory';
import { issueAccessToken } from './access-token';
import type { OAuthClient } from './clients';
import { OAuthError } from './oauth-error';
import { passwordGrant } from './password-grant';

export interface TokenRouterDeps {
  issuer: string;
  ttlSeconds: number;
  clients: readonly OAuthClient[];
  users: UserDirectory;
  keys: SigningKeys;
  logger: Logger;
}

/** Only single string values count; a repeated or missing parameter reads as absent. */
function formOf(body: unknown): Record<string, string | undefined> {
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(Object.entries(body).filter(([, value]) => typeof value === 'string'));
}

function checkContentType(req: Request): void {
  if (!req.is('application/x-www-form-urlencoded')) throw new OAuthError('invalid_request', 'the body must be application/x-www-form-urlencoded');
}

/**
 * `POST /oauth/token`, as a real provider answers it: a form body (RFC 6749 §4.3.2),
 * `grant_type=password` only, a JSON token response with `Cache-Control: no-store`,
 * and refusals as `{ error, error_description }`. Passwords, tokens and usernames are
 * never logged; the subject (a user id, not personal data) and client are.
 */
export function tokenRouter(deps: TokenRouterDeps): Router {
  const router = Router();
  router.post('/oauth/token', express.urlencoded({ extended: false, limit: '16kb' }), async (req, res) => {
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    const form = formOf(req.body);
    try {
      checkContentType(req);
      if (!form['grant_type']) throw new OAuthError('invalid_request', 'grant_type is required');
      if (form['grant_type'] !== 'password') throw new OAuthError('unsupported_grant_type', 'only grant_type=password is supported');
      const grant = await passwordGrant(form, deps.clients, deps.users);
      const token = await issueAccessToken(grant, deps.keys.signingKey(), { issuer: deps.issuer, ttlSeconds: deps.ttlSeconds });
      deps.logger.info('access token issued', { clientId: grant.client.id, subject: grant.user.subject, scope: token.scope });
      res.json(token);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      deps.logger.warn('token request refused', { clientId: form['client_id'], error: error.error });
      res.status(error.status).json(error.toBody());
    }
  });
  return router;
}
