import { processCustomerSyncContract } from '@strata/contracts-process-customer-sync';
import type { Logger } from '@strata/logging';
import type { Database } from '@strata/persistence';
import { contractRouter, createHttpMetrics, createServiceApp, type BreakerState, type ReadinessCheck, type ServiceApp } from '@strata/service-kit';
import type { RuntimeState } from './features/operations-queries';
import { registerSyncMetrics } from './features/sync.metrics';
import { syncHandlers } from './features/sync.routes';
import type { IntakePolicy } from './intake/apply-record';
import type { ReconciliationRuns } from './reconciliation/reconciliation.runs';
import { requireServiceToken, type ServiceTokenVerifier } from '@strata/service-auth';
import type { SystemReader } from './systems/system-reader';

export interface Deps {
  logger: Logger;
  db: Database;
  policy: IntakePolicy;
  /** The running sync (consumers and dispatchers), for status and nudges. */
  runtime: RuntimeState & { nudgeAll(): void };
  reconciliations: ReconciliationRuns;
  /** Each synced system read live by record id (the Customer 360's systems route). */
  readers: SystemReader[];
  /** Deadline of one live read; a system slower than this is reported unavailable. */
  systemReadTimeoutMs?: number;
  checks?: Record<string, ReadinessCheck>;
  breakers?: () => BreakerState[];
  production?: boolean;
  /** Checks the service token every caller must present: nothing reaches this API around the edge. */
  serviceTokens: ServiceTokenVerifier;
}

/** Builds the customer-sync Process API; never listens and never reads the environment. */
export function createApp(deps: Deps): ServiceApp {
  const liveReads = { readers: deps.readers, timeoutMs: deps.systemReadTimeoutMs ?? 3000, logger: deps.logger };
  const routes = contractRouter(processCustomerSyncContract, syncHandlers({ ...deps, liveReads }));
  const metrics = createHttpMetrics('process-customer-sync');
  registerSyncMetrics(metrics.registry, deps.db, deps.runtime);
  return createServiceApp({
    name: 'process-customer-sync',
    logger: deps.logger,
    contract: processCustomerSyncContract,
    production: deps.production,
    authenticate: requireServiceToken(deps.serviceTokens),
    checks: { database: () => deps.db.query('SELECT 1'), ...deps.checks },
    breakers: deps.breakers,
    metrics,
    routes,
  });
}
