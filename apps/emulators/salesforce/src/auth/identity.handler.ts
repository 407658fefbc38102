import type { RequestHandler } from 'express';
import type { AuthConfig } from './auth.config';
import { sessionOf } from './require-session.middleware';
import { identityUrl } from './token-response';

/** The identity service's answer: the subset of a real org's fields clients read. */
export interface IdentityResponse {
  id: string;
  asserted_user: boolean;
  user_id: string;
  organization_id: string;
  username: string;
  nick_name: string;
  display_name: string;
  email: string;
  email_verified: boolean;
  active: boolean;
  user_type: 'STANDARD';
  language: string;
  locale: string;
  utcOffset: number;
  timezone: string;
  urls: Record<string, string>;
  is_app_installed: boolean;
}

/** The identity document of the integration user, with URL templates as a real org gives them. */
export function buildIdentity(config: AuthConfig): IdentityResponse {
  const data = `${config.instanceUrl}/services/data/v{version}`;
  return {
    id: identityUrl(config),
    asserted_user: true,
    user_id: config.userId,
    organization_id: config.orgId,
    username: config.username,
    nick_name: config.username.split('@')[0] ?? config.username,
    display_name: config.displayName,
    email: config.email,
    email_verified: true,
    active: true,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    timezone: 'GMT',
    urls: {
      rest: `${data}/`,
      sobjects: `${data}/sobjects/`,
      query: `${data}/query/`,
      search: `${data}/search/`,
      recent: `${data}/recent/`,
      custom_domain: config.instanceUrl,
    },
    is_app_installed: true,
  };
}

/**
 * `GET /id/:orgId/:userId`, which `conn.identity()` calls with the `id` URL of the
 * token response. Mounted behind `requireSession`; answers 404 for ids other than the
 * session's own, since a token only ever sees its own user here.
 */
export function identityHandler(config: AuthConfig): RequestHandler {
  const identity = buildIdentity(config);
  return (req, res) => {
    const session = sessionOf(res);
    if (req.params['orgId'] !== session.orgId || req.params['userId'] !== session.userId) {
      res.status(404).json([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
      return;
    }
    res.json(identity);
  };
}
