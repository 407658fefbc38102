import express, { Router, type Request, type Response } from 'express';
import type { Logger } from '@strata/logging';
import type { AuthConfig } from './auth.config';
import { identityHandler } from './identity.handler';
import { jwtVerificationKey } from './jwt-bearer';
import { isSupportedGrant, runGrant, type ClientCredentials, type GrantContext } from './oauth.grants';
import { requireSession } from './require-session.middleware';
import type { Clock, SessionStore } from './session.store';
import { buildTokenResponse, OAuthError, oauthErrors } from './token-response';

/** What the OAuth router is built from; one object so the app wires it in one place. */
export interface OAuthRouterDeps {
  /** A config from `resolveAuthConfig`. */
  config: AuthConfig;
  sessions: SessionStore;
  logger: Logger;
  /** Judges JWT `exp`/`nbf`; defaults to `Date.now`. Give the session store the same one. */
  clock?: Clock;
}

type Form = Record<string, string | undefined>;

/**
 * The org's OAuth surface, as jsforce reaches it: `POST /services/oauth2/token` (password,
 * client credentials, refresh token and JWT bearer grants), `POST|GET
 * /services/oauth2/revoke`, and the identity service `GET /id/:orgId/:userId`. It parses
 * its own form bodies, so it can be mounted anywhere in the app, before any JSON parser.
 * Refusals are HTTP 400 `{ error, error_description }` with Salesforce's strings; secrets,
 * passwords, tokens and assertions are never logged.
 */
export function createOAuthRouter(deps: OAuthRouterDeps): Router {
  const { config, sessions, logger } = deps;
  const ctx: GrantContext = { config, sessions, jwtKey: jwtVerificationKey(config), clock: deps.clock ?? Date.now };
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  const router = Router();

  router.post('/services/oauth2/token', form, async (req, res) => {
    noStore(res);
    const params = formOf(req.body);
    const grantType = params['grant_type'];
    try {
      if (!isSupportedGrant(grantType)) throw oauthErrors.unsupportedGrant();
      const grant = await runGrant(grantType, params, clientOf(req, params), ctx);
      logger.info('oauth token issued', { grantType, userId: grant.session.userId, refreshable: grant.refreshToken !== undefined });
      res.json(buildTokenResponse(config, grant.session, grant.refreshToken));
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      logger.warn('oauth token refused', { grantType: isSupportedGrant(grantType) ? grantType : 'unsupported', error: error.error, reason: error.description });
      res.status(400).json(error.toBody());
    }
  });

  const revoke = async (req: Request, res: Response): Promise<void> => {
    noStore(res);
    const token = formOf(req.method === 'GET' ? req.query : req.body)['token'];
    const revoked = token ? await sessions.revoke(token) : false;
    logger.info('oauth token revocation', { revoked });
    if (revoked) res.status(200).end();
    else res.status(400).json(oauthErrors.unknownToken().toBody());
  };
  router.post('/services/oauth2/revoke', form, revoke);
  router.get('/services/oauth2/revoke', revoke);

  router.get('/id/:orgId/:userId', requireSession(sessions, { allowQueryToken: true }), identityHandler(config));
  return router;
}

/** Token responses must not be cached by anything between client and org (RFC 6749 §5.1). */
function noStore(res: Response): void {
  res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

/** Only single string values count; a repeated or missing parameter reads as absent. */
function formOf(body: unknown): Form {
  if (typeof body !== 'object' || body === null) return {};
  const form: Form = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') form[key] = value;
  return form;
}

/** Client credentials from the form, or else from `Authorization: Basic` (RFC 6749 §2.3.1). */
function clientOf(req: Request, params: Form): ClientCredentials {
  if (params['client_id'] !== undefined) return { clientId: params['client_id'], clientSecret: params['client_secret'] };
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  if (basic === undefined) return {};
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return {};
  return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
}

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
