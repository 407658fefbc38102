import type { CanonicalCustomer } from '@strata/contracts-process-customer-sync';
import { createLogger } from '@strata/logging';
import { openDatabase, type Database } from '@strata/persistence';
import { createApp } from '../app';
import { DEFAULT_SURVIVORSHIP_RULES } from '../golden/survivorship.rules';
import type { IntakePolicy } from '../intake/apply-record';
import { ReconciliationRuns } from '../reconciliation/reconciliation.runs';
import { prepareSyncDatabase } from '../store/sync-database';
import { SyncEngine } from '../sync-engine';
import { MemoryFeed } from './memory-feed';
import { MemoryWriter } from './memory-writer';
import { asServiceCaller, testServiceVerifier } from '@strata/service-auth/testing';

/**
 * Test-only: the customer-sync API over in-memory systems (feeds the test pushes to,
 * writers that record what they are sent), on an in-memory PGlite. The engine is not
 * started: tests drive consumption and delivery step by step.
 */
export async function startSyncApp(options: { systemReadTimeoutMs?: number } = {}) {
  const logger = createLogger({ service: 'process-customer-sync', silent: !process.env['SYNC_LOGS'] });
  const db: Database = await prepareSyncDatabase(await openDatabase());
  // Core banking is consumed first, so tests know which system a golden record started from.
  const feeds = { 'core-banking': new MemoryFeed('core-banking'), salesforce: new MemoryFeed('salesforce') };
  const echo = (feed: MemoryFeed) => (customer: CanonicalCustomer, recordId: string) =>
    feed.push(recordId, { key: customer.customerKey, firstName: customer.firstName ?? undefined, lastName: customer.lastName, email: customer.email ?? undefined, birthDate: customer.birthDate ?? undefined }, new Date().toISOString(), true);
  const writers = { 'core-banking': new MemoryWriter('core-banking', echo(feeds['core-banking'])), salesforce: new MemoryWriter('salesforce', echo(feeds.salesforce)) };
  const policy: IntakePolicy = { rules: DEFAULT_SURVIVORSHIP_RULES, deleteAction: 'deactivate' };
  const engine = new SyncEngine({ db, feeds: Object.values(feeds), writers: Object.values(writers), policy, logger, waitMs: 0, delivery: { maxAttempts: 2, retryBaseMs: 0 } });
  const reconciliations = new ReconciliationRuns(db, Object.values(feeds).map((feed) => feed.snapshot()), policy, logger);
  const service = createApp({ serviceTokens: testServiceVerifier('process-customer-sync'), logger, db, policy, runtime: engine, reconciliations, readers: Object.values(feeds), systemReadTimeoutMs: options.systemReadTimeoutMs ?? 500 });
  return {
    /** The API as a Strata service calls it (with a service token), for route tests. */
    app: asServiceCaller(service.app, 'process-customer-sync'),
    /** The API as anyone else reaches it: no token. */
    bareApp: service.app,
    db,
    feeds,
    writers,
    engine,
    reconciliations,
    /** Consumes every feed until empty, then delivers what is due. */
    async sync() {
      for (const consumer of engine.consumers) while (await consumer.consumePage(0));
      for (const dispatcher of engine.dispatchers) await dispatcher.dispatchDue();
    },
    close: async () => {
      await engine.stop();
      await db.close();
    },
  };
}
