import type { PolledChangeFeed } from '@strata/change-feed';
import { systemCoreBankingContract } from '@strata/contracts-system-core-banking';
import type { Logger } from '@strata/logging';
import { contractRouter, createServiceApp, type HttpMetrics, type ReadinessCheck, type ServiceApp } from '@strata/service-kit';
import type { CoreBankingClient } from './core-banking/core-banking.client';
import { OwnWrites } from './core-banking/own-writes';
import { changeHandlers } from './features/changes/changes.routes';
import type { PartyFeedPosition } from './features/changes/party-feed.source';
import { customerHandlers } from './features/customers/customers.routes';
import { CustomersService } from './features/customers/customers.service';
import { requireServiceToken, type ServiceTokenVerifier } from '@strata/service-auth';

export interface Deps {
  logger: Logger;
  /** The bank behind its breaker. */
  bank: CoreBankingClient;
  feed: PolledChangeFeed<PartyFeedPosition>;
  /** Shared with the feed source, so own writes come back as `origin.self`. */
  ownWrites?: OwnWrites;
  /** The registry the bank client and the feed registered their metrics on. */
  metrics?: HttpMetrics;
  checks?: Record<string, ReadinessCheck>;
  /** Read-and-write attempts of an upsert that meets concurrent changes (412). Default 3. */
  maxUpsertAttempts?: number;
  production?: boolean;
  /** Checks the service token every caller must present: nothing reaches this API around the edge. */
  serviceTokens: ServiceTokenVerifier;
}

/** Builds the core-banking System API; never listens and never reads the environment. */
export function createApp(deps: Deps): ServiceApp {
  const customers = new CustomersService(deps.bank, deps.logger);
  const upsert = { bank: deps.bank, customers, ownWrites: deps.ownWrites ?? new OwnWrites(), logger: deps.logger, maxAttempts: deps.maxUpsertAttempts };
  const routes = contractRouter(systemCoreBankingContract, { ...customerHandlers(customers, upsert), ...changeHandlers(deps.feed) });
  return createServiceApp({
    name: 'system-core-banking',
    logger: deps.logger,
    contract: systemCoreBankingContract,
    production: deps.production,
    authenticate: requireServiceToken(deps.serviceTokens),
    checks: deps.checks,
    metrics: deps.metrics,
    breakers: () => [deps.bank.http.snapshot()],
    routes,
  });
}
