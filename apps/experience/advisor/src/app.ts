import type { RequestHandler } from 'express';
import { experienceAdvisorContract } from '@strata/contracts-experience-advisor';
import { requireApiClient, requireBearerToken, type ApiClientRegistry, type JwtVerifier } from '@strata/edge-security';
import type { Logger } from '@strata/logging';
import { contractRouter, createServiceApp, type HttpMetrics, type ReadinessCheck, type ServiceApp } from '@strata/service-kit';
import { AuditTrail } from './audit/audit-trail';
import type { AuditStore } from './audit/audit.store';
import type { CustomerSyncClient } from './customer-sync/customer-sync.client';
import { customersHandlers } from './features/customers/customers.routes';
import { CustomersService } from './features/customers/customers.service';
import { operationsHandlers } from './features/operations/operations.routes';
import { requireRouteScopes } from './security/staff';

export interface Deps {
  logger: Logger;
  customerSync: CustomerSyncClient;
  /** Where every view of a customer is recorded before it is answered. */
  audit: AuditStore;
  /** Checks staff members' bearer tokens (JWKS, issuer, audience `strata-advisor`, expiry). */
  tokens: JwtVerifier;
  /** The calling apps (the staff web app) and their hashed secrets. */
  clients: ApiClientRegistry;
  /** `tieredRateLimit(...)` of @strata/edge-security, built by main (memory or Redis). */
  rateLimits: RequestHandler[];
  metrics?: HttpMetrics;
  checks?: Record<string, ReadinessCheck>;
  production?: boolean;
}

/**
 * Builds the advisor Experience API; never listens and never reads the environment.
 * Every request passes, in order: calling app (API key) → its SLA tier's rate limits →
 * the staff member's token → the route's scope → the route (validated by the contract).
 */
export function createApp(deps: Deps): ServiceApp {
  const audit = new AuditTrail(deps.audit, deps.logger);
  const customers = new CustomersService(deps.customerSync);
  return createServiceApp({
    name: 'experience-advisor',
    logger: deps.logger,
    contract: experienceAdvisorContract,
    production: deps.production,
    checks: deps.checks,
    metrics: deps.metrics,
    breakers: () => [deps.customerSync.$client.snapshot()],
    before: [requireApiClient(deps.clients), ...deps.rateLimits, requireBearerToken(deps.tokens), requireRouteScopes()],
    routes: contractRouter(experienceAdvisorContract, { ...customersHandlers(customers, audit), ...operationsHandlers(deps.customerSync, audit, deps.audit) }),
  });
}
