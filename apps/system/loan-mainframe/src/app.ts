import type { PolledChangeFeed } from '@strata/change-feed';
import { systemLoanMainframeContract } from '@strata/contracts-system-loan-mainframe';
import type { Logger } from '@strata/logging';
import type { Database } from '@strata/persistence';
import { contractRouter, createServiceApp, HttpMetrics, ReadinessCheck, ServiceApp } from '@strata/service-kit';
import type { FilePosition } from './features/changes/loan-file.source';
import { CustomerMirror } from './features/customers/customer.mirror';
import { customerHandlers } from './features/customers/customers.routes';
import { AckCorrelator } from './features/requests/ack.correlator';
import type { RequestStore } from './features/requests/request.store';
import { RequestsService } from './features/requests/requests.service';
import { ExchangeFolder } from './mainframe/exchange-folder';
import { MainframeBreaker, MainframeBreakerOptions } from './mainframe/mainframe.breaker';
import { mainframeProbe } from './mainframe/mainframe.probe';
import { requireServiceToken, type ServiceTokenVerifier } from '@strata/service-auth';

export interface Deps {
  logger: Logger;
  db: Database;
  /** The started change feed over the outbound folder (its tables also serve reads). */
  feed: PolledChangeFeed<FilePosition>;
  requests: RequestStore;
  metrics: HttpMetrics;
  inboundDir: string;
  outboundDir: string;
  /** The mainframe's status URL; empty: no probe. */
  statusUrl?: string;
  maxWaitSeconds?: number;
  breaker?: MainframeBreakerOptions;
  checks?: Record<string, ReadinessCheck>;
  production?: boolean;
  /** Checks the service token every caller must present: nothing reaches this API around the edge. */
  serviceTokens: ServiceTokenVerifier;
}

/** The app plus what shutdown must release. */
export interface SystemLoanMainframeApp extends ServiceApp {
  correlator: AckCorrelator;
  close(): void;
}

/** Builds the loan mainframe System API; never listens and never reads the environment. */
export function createApp(deps: Deps): SystemLoanMainframeApp {
  const breaker = new MainframeBreaker(deps.logger, deps.breaker);
  const outbound = new ExchangeFolder(deps.outboundDir);
  const correlator = new AckCorrelator(outbound, deps.requests, deps.logger);
  const requests = new RequestsService({
    store: deps.requests,
    correlator,
    breaker,
    probe: mainframeProbe(deps.statusUrl),
    inbound: new ExchangeFolder(deps.inboundDir),
    outbound,
    maxWaitSeconds: deps.maxWaitSeconds ?? 10,
  });
  const routes = contractRouter(systemLoanMainframeContract, {
    ...customerHandlers(new CustomerMirror(deps.db), requests),
    listChanges: async ({ query }) => ({ status: 200, body: await deps.feed.read(query) }),
    getChangesStatus: async () => ({ status: 200, body: await deps.feed.status() }),
  });
  const service = createServiceApp({
    name: 'system-loan-mainframe',
    logger: deps.logger,
    contract: systemLoanMainframeContract,
    production: deps.production,
    authenticate: requireServiceToken(deps.serviceTokens),
    checks: deps.checks,
    metrics: deps.metrics,
    breakers: () => [breaker.snapshot()],
    routes,
  });
  return { ...service, correlator, close: () => breaker.shutdown() };
}

