import type { Connection } from 'jsforce';
import { systemSalesforceContract } from '@strata/contracts-system-salesforce';
import { Logger } from '@strata/logging';
import { contractRouter, createHttpMetrics, createServiceApp, ReadinessCheck, ServiceApp } from '@strata/service-kit';
import type { ChangeFeed } from './features/changes/change-feed.types';
import { customerHandlers } from './features/customers/customers.routes';
import { CustomersService } from './features/customers/customers.service';
import { connectionCheck, requireConnection, type ConnectionGate } from './salesforce/connection-gate';
import { OrgLimits } from './salesforce/org-limits';
import { SalesforceBreaker, SalesforceBreakerOptions } from './salesforce/salesforce.breaker';
import { requireServiceToken, type ServiceTokenVerifier } from '@strata/service-auth';

export interface Deps {
  logger: Logger;
  /** The live jsforce connection (a function: the connection may be replaced). */
  salesforce: () => Connection;
  /**
   * Whether that connection is open yet, when it opens after the app listens (main.ts).
   * Until then API routes answer 503 with Retry-After and `/health/ready` names
   * Salesforce. Omitted: open from the start (tests that log in first).
   */
  connection?: ConnectionGate;
  changes: ChangeFeed;
  checks?: Record<string, ReadinessCheck>;
  production?: boolean;
  /** Checks the service token every caller must present: nothing reaches this API around the edge. */
  serviceTokens: ServiceTokenVerifier;
  /** Deadline and breaker settings for Salesforce calls. */
  breaker?: SalesforceBreakerOptions;
  /** How long callers are paused (429 Retry-After) after REQUEST_LIMIT_EXCEEDED; default 300 s. */
  allowancePauseSeconds?: number;
}

/** The app plus what shutdown must release. */
export interface SystemSalesforceApp extends ServiceApp {
  /** Customers through the app's breaker and allowance tracker; the change feed reads through it too. */
  customers: CustomersService;
  close(): void;
}

/** Builds the Salesforce System API; never listens and never reads the environment. */
export function createApp(deps: Deps): SystemSalesforceApp {
  const metrics = createHttpMetrics('system-salesforce');
  const limits = new OrgLimits(metrics.registry, { pauseSeconds: deps.allowancePauseSeconds });
  const breaker = new SalesforceBreaker(deps.logger, deps.breaker);
  const customers = new CustomersService(deps.salesforce, limits, breaker);
  const routes = contractRouter(systemSalesforceContract, {
    ...customerHandlers(customers, deps.logger),
    listChanges: async ({ query }) => ({ status: 200, body: await deps.changes.read(query) }),
  });
  const service = createServiceApp({
    name: 'system-salesforce',
    logger: deps.logger,
    contract: systemSalesforceContract,
    production: deps.production,
    authenticate: requireServiceToken(deps.serviceTokens),
    checks: { ...(deps.connection ? { salesforce: connectionCheck(deps.connection) } : {}), ...deps.checks },
    before: deps.connection ? [requireConnection(deps.connection)] : [],
    metrics,
    breakers: () => [breaker.snapshot(), limits.snapshot()],
    routes,
  });
  return { ...service, customers, close: () => breaker.shutdown() };
}
