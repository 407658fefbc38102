/**
 * The emulated org's OAuth 2.0 authorization server and session checks: what jsforce
 * logs in against and what every REST and CometD endpoint guards itself with.
 */
export {
  resolveAuthConfig,
  DEFAULT_SESSION_LIFETIME_MS,
  MIN_SESSION_LIFETIME_MS,
  SALESFORCE_LOGIN_AUDIENCES,
  type AuthConfig,
  type AuthConfigInput,
} from './auth.config';
export { authMigrations } from './auth.migrations';
export { SessionStore, hashToken, type Clock, type IssueRequest, type IssuedSession, type SessionStoreOptions } from './session.store';
export { createOAuthRouter, type OAuthRouterDeps } from './oauth.router';
export {
  bearerToken,
  requireSession,
  sessionOf,
  INVALID_SESSION_BODY,
  type RequireSessionOptions,
} from './require-session.middleware';
export { buildTokenResponse, identityUrl, OAuthError, type OAuthErrorCode, type TokenResponse } from './token-response';
export {
  JWT_BEARER_GRANT,
  JWT_CLOCK_SKEW_MS,
  jwtAudiences,
  jwtVerificationKey,
  verifyJwtBearerAssertion,
  type JwtBearerClaims,
  type JwtBearerPolicy,
} from './jwt-bearer';
export { buildIdentity, type IdentityResponse } from './identity.handler';
export type { Session, SessionValidator } from './session.types';
