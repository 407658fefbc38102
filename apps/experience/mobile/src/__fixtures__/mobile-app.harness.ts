import { PassThrough } from 'node:stream';
import { ApiClientRegistry, createJwtVerifier, hashApiKey, tieredRateLimit, type SlaTier } from '@strata/edge-security';
import { AUDIENCE, ISSUER, startTokenIssuer, type TokenOptions } from '@strata/edge-security/testing';
import { createLogger } from '@strata/logging';
import { createApp } from '../app';
import { createCustomerSyncClient } from '../customer-sync/customer-sync.client';
import { startFakeCustomerSync } from './customer-sync.fake';

export const CLIENT = { 'x-client-id': 'mobile-ios', 'x-client-secret': 'ios-secret-for-tests' };

/**
 * The mobile app as it runs, with a local identity provider (a key pair and its JWKS
 * made for the test), the fake customer-sync, and its log lines kept for inspection.
 */
export async function startMobileApp(options: { tier?: SlaTier } = {}) {
  const issuer = await startTokenIssuer();
  const customerSync = await startFakeCustomerSync();
  const log = new PassThrough();
  const lines: string[] = [];
  log.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  const logger = createLogger({ service: 'experience-mobile', stream: log, personalDataFields: ['email', 'phone', 'birthDate', 'firstName', 'lastName', 'street', 'city', 'postalCode', 'address'] });
  const service = createApp({
    logger,
    customerSync: createCustomerSyncClient({ baseUrl: customerSync.url, logger, retry: false, validateResponses: true }),
    tokens: createJwtVerifier({ jwksUrl: issuer.jwksUrl, issuer: ISSUER, audience: AUDIENCE }),
    clients: new ApiClientRegistry([{ id: CLIENT['x-client-id'], secretHash: await hashApiKey(CLIENT['x-client-secret']), tier: 'standard' }]),
    rateLimits: tieredRateLimit({ tiers: { standard: options.tier ?? { requestsPerMinute: 1000, burst: 1000 } } }),
    customerKeyClaim: 'customer_key',
    production: false,
  });
  /** A token for the customer with this golden key (scopes read and write unless told). */
  const tokenFor = (customerKey: string, token: TokenOptions = {}) => issuer.sign({ ...token, claims: { customer_key: customerKey, ...token.claims } });
  return {
    app: service.app,
    customerSync,
    tokenFor,
    logs: () => lines.join(''),
    close: async () => {
      await Promise.all([issuer.close(), customerSync.close()]);
    },
  };
}
