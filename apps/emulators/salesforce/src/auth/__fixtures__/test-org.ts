import { createSign, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import express from 'express';
import { createLogger } from '@strata/logging';
import type { Database } from '@strata/persistence';
import { resolveAuthConfig, type AuthConfig, type AuthConfigInput } from '../auth.config';
import { createOAuthRouter } from '../oauth.router';
import { requireSession, sessionOf } from '../require-session.middleware';
import { SessionStore } from '../session.store';

/** The test private key and its self-signed certificate (see README.md beside them). */
export const TEST_PRIVATE_KEY_PEM = readFileSync(path.join(__dirname, 'jwt-test.key.pem'), 'utf8');
export const TEST_CERTIFICATE_PEM = readFileSync(path.join(__dirname, 'jwt-test.cert.pem'), 'utf8');

/** The connected app and integration user every test org is configured with. */
export const TEST_CREDENTIALS = {
  clientId: '3MVG9strata.test.client.id',
  clientSecret: 'strata-test-client-secret-9F2A',
  username: 'integration@strata.test',
  password: 'Pa55word-and-security-token',
  userId: '005000000000001AAA',
  orgId: '00D000000000001AAA',
} as const;

/** What the protected test route answers once the session checks out. */
export const LIMITS_BODY = { DailyApiRequests: { Max: 15000, Remaining: 14999 } };

/** A clock tests move by hand, so expiry needs no waiting. */
export interface ManualClock {
  now: () => number;
  advance: (ms: number) => void;
}

export function manualClock(start = Date.now()): ManualClock {
  let current = start;
  return { now: () => current, advance: (ms) => (current += ms) };
}

/** A running emulated org: the OAuth router plus one protected REST route on 127.0.0.1. */
export interface TestOrg {
  url: string;
  config: AuthConfig;
  sessions: SessionStore;
  clock: ManualClock;
  /** Every log line the org wrote, as raw JSON text. */
  logText: () => string;
  /** How many requests reached the protected route with a valid session. */
  servedCalls: () => number;
  close: () => Promise<void>;
}

export interface TestOrgOptions {
  db: Database;
  sessionLifetimeMs?: number;
  config?: Partial<AuthConfigInput>;
}

/**
 * Starts an org on an ephemeral port. The config needs the port (it is the token
 * response's `instance_url`), so the routes are mounted once the server listens.
 */
export async function startTestOrg(options: TestOrgOptions): Promise<TestOrg> {
  const app = express();
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = resolveAuthConfig({
    ...TEST_CREDENTIALS,
    jwtCertificatePem: TEST_CERTIFICATE_PEM,
    instanceUrl: url,
    sessionLifetimeMs: options.sessionLifetimeMs,
    ...options.config,
  });
  const clock = manualClock();
  const sessions = await SessionStore.open(options.db, { lifetimeMs: config.sessionLifetimeMs, clock: clock.now });
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const logger = createLogger({ service: 'auth-test', level: 'debug', stream });
  let served = 0;
  app.use(createOAuthRouter({ config, sessions, logger, clock: clock.now }));
  app.get('/services/data/:version/limits', requireSession(sessions), (_req, res) => {
    sessionOf(res);
    served += 1;
    res.json(LIMITS_BODY);
  });
  return {
    url,
    config,
    sessions,
    clock,
    logText: () => lines.join(''),
    servedCalls: () => served,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Claims of a valid assertion for the test org; override any to make it invalid. */
export function assertionClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: TEST_CREDENTIALS.clientId,
    sub: TEST_CREDENTIALS.username,
    aud: 'https://login.salesforce.com',
    exp: Math.floor(Date.now() / 1000) + 180,
    jti: randomUUID(),
    ...overrides,
  };
}

/** Signs claims as an integration would (jsforce does not sign): RS256 over base64url header.payload. */
export function signAssertion(claims: Record<string, unknown>, privateKeyPem = TEST_PRIVATE_KEY_PEM, alg = 'RS256'): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${encode({ alg, typ: 'JWT' })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(signed).sign(privateKeyPem).toString('base64url');
  return `${signed}.${signature}`;
}
