import { PassThrough } from 'node:stream';
import { ApiClientRegistry, createJwtVerifier, hashApiKey, tieredRateLimit, type SlaTier } from '@strata/edge-security';
import { ISSUER, startTokenIssuer, type TokenOptions } from '@strata/edge-security/testing';
import { createLogger } from '@strata/logging';
import { openDatabase } from '@strata/persistence';
import { createApp } from '../app';
import { SqlAuditStore, type AuditStore } from '../audit/audit.store';
import { createCustomerSyncClient } from '../customer-sync/customer-sync.client';
import { startFakeCustomerSync } from './customer-sync.fake';

export const CLIENT = { 'x-client-id': 'advisor-web', 'x-client-secret': 'advisor-web-secret' };
export const AUDIENCE = 'strata-advisor';
export const ALL_SCOPES = 'advisor:read advisor:reconcile advisor:audit';

/**
 * The advisor app as it runs, with a local identity provider (a key pair and its JWKS
 * made for the test), the fake customer-sync, the real audit store on an in-memory
 * PGlite (or the one given), and its log lines kept for inspection.
 */
export async function startAdvisorApp(options: { tier?: SlaTier; audit?: AuditStore } = {}) {
  const issuer = await startTokenIssuer();
  const customerSync = await startFakeCustomerSync();
  const db = await openDatabase();
  const audit = options.audit ?? (await SqlAuditStore.open(db));
  const log = new PassThrough();
  const lines: string[] = [];
  log.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  const logger = createLogger({ service: 'experience-advisor', stream: log, personalDataFields: ['email', 'phone', 'birthDate', 'firstName', 'lastName', 'displayName', 'street', 'city', 'postalCode', 'address', 'q'] });
  const service = createApp({
    logger,
    audit,
    customerSync: createCustomerSyncClient({ baseUrl: customerSync.url, logger, retry: false, validateResponses: true }),
    tokens: createJwtVerifier({ jwksUrl: issuer.jwksUrl, issuer: ISSUER, audience: AUDIENCE }),
    clients: new ApiClientRegistry([{ id: CLIENT['x-client-id'], secretHash: await hashApiKey(CLIENT['x-client-secret']), tier: 'standard' }]),
    rateLimits: tieredRateLimit({ tiers: { standard: options.tier ?? { requestsPerMinute: 1000, burst: 1000 } } }),
    production: false,
  });
  /** Headers of the web app calling for staff member `staffId` (every advisor scope unless told). */
  const as = async (staffId: string, scope = ALL_SCOPES, token: TokenOptions = {}) => ({
    ...CLIENT,
    authorization: `Bearer ${await issuer.sign({ audience: AUDIENCE, subject: staffId, ...token, claims: { scope, ...token.claims } })}`,
  });
  return {
    app: service.app,
    customerSync,
    audit,
    as,
    logs: () => lines.join(''),
    close: async () => {
      await Promise.all([issuer.close(), customerSync.close(), db.close()]);
    },
  };
}
