import type { PolledChangeFeed } from '@strata/change-feed';
import { systemCardPlatformContract } from '@strata/contracts-system-card-platform';
import type { Logger } from '@strata/logging';
import { contractRouter, createHttpMetrics, createServiceApp, type HttpMetrics, type ReadinessCheck, type ServiceApp } from '@strata/service-kit';
import type { CardPlatformBreaker } from './card-platform/card-platform.breaker';
import type { CardPlatformClient } from './card-platform/card-platform.client';
import { changeHandlers } from './features/changes/changes.routes';
import type { SnapshotPosition } from './features/changes/snapshot.source';
import { customerHandlers } from './features/customers/customers.routes';
import { CustomersService } from './features/customers/customers.service';
import { requireServiceToken, type ServiceTokenVerifier } from '@strata/service-auth';

export interface Deps {
  logger: Logger;
  platform: CardPlatformClient;
  breaker: CardPlatformBreaker;
  feed: PolledChangeFeed<SnapshotPosition>;
  /** The metrics the feed registered its counters in; one registry per app. */
  metrics?: HttpMetrics;
  checks?: Record<string, ReadinessCheck>;
  production?: boolean;
  /** Checks the service token every caller must present: nothing reaches this API around the edge. */
  serviceTokens: ServiceTokenVerifier;
}

/**
 * Builds the card platform System API: the contract's routes over the SOAP client, the
 * breaker on `/health/ready`. Never listens and never reads the environment.
 */
export function createApp(deps: Deps): ServiceApp {
  const metrics = deps.metrics ?? createHttpMetrics('system-card-platform');
  const customers = new CustomersService(deps.platform, deps.logger);
  const routes = contractRouter(systemCardPlatformContract, { ...customerHandlers(customers, deps.logger), ...changeHandlers(deps.feed) });
  return createServiceApp({
    name: 'system-card-platform',
    logger: deps.logger,
    contract: systemCardPlatformContract,
    production: deps.production,
    authenticate: requireServiceToken(deps.serviceTokens),
    checks: deps.checks,
    metrics,
    breakers: () => [deps.breaker.snapshot()],
    routes,
  });
}
