import { randomBytes } from 'node:crypto';
import { hashApiKey } from '@strata/edge-security';

/** A user of the identity emulator, with the password this run gave them. */
export interface DemoUser {
  username: string;
  password: string;
  /** The token `sub`: a customer's user id, a staff member's staff id. */
  subject: string;
  scopes: string[];
  /** The client (and so the token audience) they sign in to. */
  clientId: 'strata-mobile' | 'strata-advisor';
}

/** What this run of the landscape was given, for the person trying it. */
export interface DemoCredentials {
  client: { id: string; secret: string };
  customer: DemoUser;
  advisor: DemoUser;
  auditor: DemoUser;
}

export const DEMO_CLIENT_ID = 'demo-app';

const secret = (bytes: number) => randomBytes(bytes).toString('base64url');

/** The demo users; passwords are new each run, so nothing guessable outlives it. */
export function demoUsers(): Pick<DemoCredentials, 'customer' | 'advisor' | 'auditor'> {
  return {
    customer: { username: 'demo.customer', password: secret(12), subject: 'usr-demo-customer', scopes: ['customer:read', 'customer:write'], clientId: 'strata-mobile' },
    advisor: { username: 'demo.advisor', password: secret(12), subject: 'S-0001', scopes: ['advisor:read', 'advisor:reconcile'], clientId: 'strata-advisor' },
    auditor: { username: 'demo.auditor', password: secret(12), subject: 'S-0002', scopes: ['advisor:read', 'advisor:audit'], clientId: 'strata-advisor' },
  };
}

/**
 * The environment every app of this run gets (Nx passes it to each `serve` target;
 * each app reads only its own settings):
 * - `API_CLIENTS`: the demo calling app, its random secret only as a scrypt hash;
 * - `JWKS_URL` / `JWT_ISSUER`: the identity emulator, so the Experience APIs accept its tokens;
 * - `IDENTITY_USERS`: the staff users, passwords hashed (the demo customer is registered
 *   once customer-sync has given them a golden key);
 * - `SERVICE_TOKEN_SECRET`: 32 random bytes (base64url) every Process and System API
 *   shares to sign and check service tokens between layers.
 */
export async function buildLandscapeEnv(identityUrl: string): Promise<{ env: Record<string, string>; demo: DemoCredentials }> {
  const demo: DemoCredentials = { client: { id: DEMO_CLIENT_ID, secret: secret(24) }, ...demoUsers() };
  const staff = await Promise.all(
    [demo.advisor, demo.auditor].map(async (user) => ({ username: user.username, passwordHash: await hashApiKey(user.password), subject: user.subject, scopes: user.scopes })),
  );
  const env = {
    API_CLIENTS: JSON.stringify([{ id: demo.client.id, secretHash: await hashApiKey(demo.client.secret), tier: 'standard' }]),
    JWKS_URL: `${identityUrl}/.well-known/jwks.json`,
    JWT_ISSUER: identityUrl,
    IDENTITY_USERS: JSON.stringify(staff),
    SERVICE_TOKEN_SECRET: secret(32),
  };
  return { env, demo };
}
