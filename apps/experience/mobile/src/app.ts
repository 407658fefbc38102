import type { RequestHandler } from 'express';
import { experienceMobileContract } from '@strata/contracts-experience-mobile';
import { requireApiClient, requireBearerToken, requireScope, type ApiClientRegistry, type JwtVerifier } from '@strata/edge-security';
import type { Logger } from '@strata/logging';
import { contractRouter, createServiceApp, type HttpMetrics, type ReadinessCheck, type ServiceApp } from '@strata/service-kit';
import type { CustomerSyncClient } from './customer-sync/customer-sync.client';
import { meHandlers } from './features/me/me.routes';
import { MeService } from './features/me/me.service';
import { refuseOtherCustomersKeys } from './security/customer-key';

export interface Deps {
  logger: Logger;
  customerSync: CustomerSyncClient;
  /** Checks end users' bearer tokens (JWKS, issuer, audience, expiry). */
  tokens: JwtVerifier;
  /** The calling apps and their hashed secrets. */
  clients: ApiClientRegistry;
  /** `tieredRateLimit(...)` of @strata/edge-security, built by main (memory or Redis). */
  rateLimits: RequestHandler[];
  /** The token claim that carries the customer's golden key. */
  customerKeyClaim: string;
  metrics?: HttpMetrics;
  checks?: Record<string, ReadinessCheck>;
  production?: boolean;
}

const canRead = requireScope('customer:read');
const canWrite = requireScope('customer:write');

/** Reads need `customer:read`, the contact change `customer:write`. */
const scopeByMethod: RequestHandler = (req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? canRead : canWrite)(req, res, next);

/**
 * Builds the mobile Experience API; never listens and never reads the environment.
 * Every request passes, in order: calling app (API key) → its SLA tier's rate limits →
 * the user's token → the route's scope → no other customer's key in query or body.
 */
export function createApp(deps: Deps): ServiceApp {
  const me = new MeService(deps.customerSync);
  return createServiceApp({
    name: 'experience-mobile',
    logger: deps.logger,
    contract: experienceMobileContract,
    production: deps.production,
    checks: deps.checks,
    metrics: deps.metrics,
    breakers: () => [deps.customerSync.$client.snapshot()],
    before: [requireApiClient(deps.clients), ...deps.rateLimits, requireBearerToken(deps.tokens), scopeByMethod, refuseOtherCustomersKeys(deps.customerKeyClaim)],
    routes: contractRouter(experienceMobileContract, meHandlers(me, deps.customerKeyClaim)),
  });
}
