import { createPublicKey } from 'node:crypto';
import { ValidationError, type FieldError } from '@strata/errors';

/** Two hours: Salesforce's default session timeout, which is also what an OAuth session gets. */
export const DEFAULT_SESSION_LIFETIME_MS = 2 * 60 * 60 * 1000;

/**
 * The shortest session allowed. jsforce 3.10 refreshes and replays on every 401 with no
 * retry cap, so a session that could expire between refresh and replay would loop forever.
 */
export const MIN_SESSION_LIFETIME_MS = 1000;

/** The audiences every real org accepts in a JWT bearer assertion, besides its own login URL. */
export const SALESFORCE_LOGIN_AUDIENCES: readonly string[] = ['https://login.salesforce.com', 'https://test.salesforce.com'];

/**
 * Everything the emulated org needs to act as an OAuth authorization server for one
 * connected app and one integration user. A plain object so the app can build it from
 * its environment and tests can build it inline; {@link resolveAuthConfig} fills the
 * defaults and refuses a config that would make jsforce fail in confusing ways later.
 */
export interface AuthConfig {
  /** The connected app's consumer key (`client_id`). */
  clientId: string;
  /** The connected app's consumer secret; also the key of the token response `signature`. */
  clientSecret: string;
  /** The integration user's login name; the JWT `sub` must equal it. */
  username: string;
  /** The integration user's password (a real org expects password + security token; here it is one string). */
  password: string;
  /** 18-character user id (005…), the last segment of the identity URL jsforce parses. */
  userId: string;
  /** Org id (00D…); its first 15 characters prefix every access token, as in a real org. */
  orgId: string;
  /** X.509 certificate (PEM) uploaded to the connected app; its public key verifies JWT assertions. */
  jwtCertificatePem?: string;
  /** Alternative to the certificate: a bare public key (PEM, SPKI or PKCS#1). */
  jwtPublicKeyPem?: string;
  /** How long an access token lives; after it, REST answers 401 and jsforce refreshes. */
  sessionLifetimeMs: number;
  /** What the token response calls `instance_url`; every later REST URL jsforce builds starts with it. */
  instanceUrl: string;
  /** The login URL clients post to; accepted as JWT `aud` next to the two public login hosts. Defaults to `instanceUrl`. */
  loginUrl: string;
  /** Shown by the identity endpoint. */
  displayName: string;
  /** Shown by the identity endpoint. */
  email: string;
}

/** What callers must supply; the rest has defaults. */
export type AuthConfigInput = Omit<AuthConfig, 'sessionLifetimeMs' | 'loginUrl' | 'displayName' | 'email'> &
  Partial<Pick<AuthConfig, 'sessionLifetimeMs' | 'loginUrl' | 'displayName' | 'email'>>;

const USER_ID = /^005[A-Za-z0-9]{15}$/;
const ORG_ID = /^00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/;
const HTTP_URL = /^https?:\/\/[^/\s]+(?:\/[^\s]*)?$/;

const stripTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * Fills defaults and checks every field at once, so a bad environment stops the emulator
 * at start-up with the whole list of problems instead of at the first login.
 * @throws ValidationError naming each invalid field.
 */
export function resolveAuthConfig(input: AuthConfigInput): AuthConfig {
  const instanceUrl = stripTrailingSlash(input.instanceUrl ?? '');
  const config: AuthConfig = {
    ...input,
    instanceUrl,
    loginUrl: stripTrailingSlash(input.loginUrl ?? instanceUrl),
    sessionLifetimeMs: input.sessionLifetimeMs ?? DEFAULT_SESSION_LIFETIME_MS,
    displayName: input.displayName ?? input.username,
    email: input.email ?? input.username,
  };
  const problems = checkAuthConfig(config);
  if (problems.length > 0) throw new ValidationError('Invalid Salesforce auth configuration', problems);
  return config;
}

function checkAuthConfig(config: AuthConfig): FieldError[] {
  const problems: FieldError[] = [];
  const expectField = (path: keyof AuthConfig, ok: boolean, message: string): void => {
    if (!ok) problems.push({ path, message });
  };
  for (const key of ['clientId', 'clientSecret', 'username', 'password'] as const) {
    expectField(key, typeof config[key] === 'string' && config[key].length > 0, 'must be a non-empty string');
  }
  expectField('userId', USER_ID.test(config.userId ?? ''), 'must be an 18-character user id starting with 005');
  expectField('orgId', ORG_ID.test(config.orgId ?? ''), 'must be a 15- or 18-character org id starting with 00D');
  expectField('instanceUrl', HTTP_URL.test(config.instanceUrl), 'must be an http(s) URL');
  expectField('loginUrl', HTTP_URL.test(config.loginUrl), 'must be an http(s) URL');
  expectField(
    'sessionLifetimeMs',
    Number.isFinite(config.sessionLifetimeMs) && config.sessionLifetimeMs >= MIN_SESSION_LIFETIME_MS,
    `must be at least ${MIN_SESSION_LIFETIME_MS} ms`,
  );
  for (const key of ['jwtCertificatePem', 'jwtPublicKeyPem'] as const) {
    const pem = config[key];
    if (pem !== undefined) expectField(key, parsesAsPublicKey(pem), 'must be a PEM certificate or public key');
  }
  return problems;
}

function parsesAsPublicKey(pem: string): boolean {
  try {
    return createPublicKey(pem).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}
