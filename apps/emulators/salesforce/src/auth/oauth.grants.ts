import { createHash, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { AuthConfig } from './auth.config';
import { JWT_BEARER_GRANT, jwtAudiences, verifyJwtBearerAssertion } from './jwt-bearer';
import type { Clock, SessionStore } from './session.store';
import type { Session } from './session.types';
import { oauthErrors } from './token-response';

/** The grant types the emulated token endpoint serves. */
export type SupportedGrant = 'password' | 'client_credentials' | 'refresh_token' | typeof JWT_BEARER_GRANT;

const SUPPORTED: readonly string[] = ['password', 'client_credentials', 'refresh_token', JWT_BEARER_GRANT];

/** Whether `value` names a grant this endpoint serves (so only known names are ever logged). */
export function isSupportedGrant(value: string | undefined): value is SupportedGrant {
  return value !== undefined && SUPPORTED.includes(value);
}

/** Client credentials from the form or from HTTP Basic auth, whichever the client used. */
export interface ClientCredentials {
  clientId?: string;
  clientSecret?: string;
}

/** What every grant handler needs, built once by the router. */
export interface GrantContext {
  config: AuthConfig;
  sessions: SessionStore;
  jwtKey: KeyObject | undefined;
  clock: Clock;
}

/** A granted session and the refresh token to hand out with it, if the flow has one. */
export interface Grant {
  session: Session;
  refreshToken?: string;
}

/**
 * Runs one token request: checks the client and the grant's own proof, then starts a
 * session. Each grant is a small function so each refusal keeps Salesforce's wording.
 * @throws OAuthError when anything does not check out.
 */
export async function runGrant(
  grantType: SupportedGrant,
  params: Readonly<Record<string, string | undefined>>,
  client: ClientCredentials,
  ctx: GrantContext,
): Promise<Grant> {
  switch (grantType) {
    case 'password':
      return passwordGrant(params, client, ctx);
    case 'client_credentials':
      return clientCredentialsGrant(client, ctx);
    case 'refresh_token':
      return refreshTokenGrant(params, client, ctx);
    case JWT_BEARER_GRANT:
      return jwtBearerGrant(params, ctx);
  }
}

/** Username-password flow: needs the full client credentials; the one flow with a refresh token. */
async function passwordGrant(params: Readonly<Record<string, string | undefined>>, client: ClientCredentials, ctx: GrantContext): Promise<Grant> {
  const { config } = ctx;
  authenticateClient(client, config, true);
  const userOk = safeEqual(params['username'], config.username);
  const passwordOk = safeEqual(params['password'], config.password);
  if (!userOk || !passwordOk) throw oauthErrors.authenticationFailure();
  return ctx.sessions.issue({ ...owner(config), grantType: 'password', withRefreshToken: true });
}

/** Client credentials flow: the connected app acts as its "run as" user, here the integration user. */
async function clientCredentialsGrant(client: ClientCredentials, ctx: GrantContext): Promise<Grant> {
  authenticateClient(client, ctx.config, true);
  return ctx.sessions.issue({ ...owner(ctx.config), grantType: 'client_credentials', withRefreshToken: false });
}

/** Refresh token flow: the secret is optional (as jsforce sends it only when it has one) but checked if given. */
async function refreshTokenGrant(params: Readonly<Record<string, string | undefined>>, client: ClientCredentials, ctx: GrantContext): Promise<Grant> {
  authenticateClient(client, ctx.config, false);
  const refreshToken = params['refresh_token'];
  const session = refreshToken ? await ctx.sessions.refresh(refreshToken, ctx.config.clientId) : undefined;
  if (session === undefined) throw oauthErrors.badRefreshToken();
  return { session };
}

/** JWT bearer flow: the signed assertion is the proof; no refresh token, clients sign a new one. */
async function jwtBearerGrant(params: Readonly<Record<string, string | undefined>>, ctx: GrantContext): Promise<Grant> {
  const { config } = ctx;
  const assertion = params['assertion'];
  if (!assertion) throw oauthErrors.invalidAssertion();
  verifyJwtBearerAssertion(assertion, {
    publicKey: ctx.jwtKey,
    clientId: config.clientId,
    username: config.username,
    audiences: jwtAudiences(config),
    now: ctx.clock(),
  });
  return ctx.sessions.issue({ ...owner(config), grantType: JWT_BEARER_GRANT, withRefreshToken: false });
}

function authenticateClient(client: ClientCredentials, config: AuthConfig, secretRequired: boolean): void {
  if (client.clientId !== config.clientId) throw oauthErrors.unknownClient();
  if (client.clientSecret === undefined && !secretRequired) return;
  if (!safeEqual(client.clientSecret, config.clientSecret)) throw oauthErrors.badClientSecret();
}

function owner(config: AuthConfig): { clientId: string; userId: string; orgId: string } {
  return { clientId: config.clientId, userId: config.userId, orgId: config.orgId };
}

/** Constant-time comparison (of digests, so lengths never leak either). */
function safeEqual(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
