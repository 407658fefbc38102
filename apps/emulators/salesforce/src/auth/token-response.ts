import { createHmac } from 'node:crypto';
import type { AuthConfig } from './auth.config';
import type { Session } from './session.types';

/**
 * The token endpoint's success body, field for field what a real org sends. jsforce
 * reads `access_token`, `instance_url` (base of every later URL, so no trailing slash),
 * `refresh_token` and `id` (whose last two segments it parses as org id and user id).
 */
export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  signature: string;
  scope: string;
  instance_url: string;
  id: string;
  token_type: 'Bearer';
  issued_at: string;
}

/** The identity URL of the integration user: `<instance_url>/id/<orgId>/<userId>`. */
export function identityUrl(config: AuthConfig): string {
  return `${config.instanceUrl}/id/${config.orgId}/${config.userId}`;
}

/**
 * Builds the success body for a session. `signature` is Salesforce's: base64
 * HMAC-SHA256 over `id + issued_at` keyed with the client secret, which lets a client
 * check the response came from the org that knows its secret.
 */
export function buildTokenResponse(config: AuthConfig, session: Session, refreshToken?: string): TokenResponse {
  const id = identityUrl(config);
  const issuedAt = String(session.issuedAt.getTime());
  const signature = createHmac('sha256', config.clientSecret).update(id + issuedAt).digest('base64');
  return {
    access_token: session.accessToken,
    ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
    signature,
    scope: refreshToken === undefined ? 'api' : 'api refresh_token',
    instance_url: config.instanceUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  };
}

/** The OAuth error codes a real org answers the token and revoke endpoints with. */
export type OAuthErrorCode =
  | 'invalid_client_id'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'unsupported_token_type';

/**
 * A refused token or revoke request. Grant handlers throw it and the router turns it
 * into HTTP 400 `{ error, error_description }`; jsforce rethrows that as an Error whose
 * `name` is `error` and whose `message` is `error_description`, so the exact strings
 * matter to callers that branch on them.
 */
export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = 'OAuthError';
  }

  /** The response body a real org sends. */
  toBody(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

/** The Salesforce wording for each refusal, in one place so handlers cannot drift from it. */
export const oauthErrors = {
  unknownClient: () => new OAuthError('invalid_client_id', 'client identifier invalid'),
  badClientSecret: () => new OAuthError('invalid_client', 'invalid client credentials'),
  authenticationFailure: () => new OAuthError('invalid_grant', 'authentication failure'),
  badRefreshToken: () => new OAuthError('invalid_grant', 'expired access/refresh token'),
  unsupportedGrant: () => new OAuthError('unsupported_grant_type', 'grant type not supported'),
  invalidAssertion: () => new OAuthError('invalid_grant', 'invalid assertion'),
  audienceInvalid: () => new OAuthError('invalid_grant', 'audience is invalid'),
  expiredAssertion: () => new OAuthError('invalid_grant', 'expired authorization code'),
  userNotApproved: () => new OAuthError('invalid_grant', "user hasn't approved this consumer"),
  unknownToken: () => new OAuthError('unsupported_token_type', 'this token type is not supported'),
} as const;
