import { createLogger } from '@strata/logging';
import { openDatabase, type Database } from '@strata/persistence';
import { applyRecord, type IntakePolicy } from '../intake/apply-record';
import type { SystemRecord } from '../intake/system-record';
import { DEFAULT_SURVIVORSHIP_RULES } from '../golden/survivorship.rules';
import { prepareSyncDatabase } from '../store/sync-database';
import { MemoryBatchWriter, MemoryWriter } from './memory-writer';

/** Test-only: a logger that keeps quiet. */
export const silentLogger = createLogger({ service: 'test', silent: true });

/** Test-only: the time the scenarios' changes are made around. */
export const T0 = Date.parse('2026-03-01T10:00:00Z');

/** Test-only: the target kinds every delivery rule must hold for, with the batch size each is dispatched at. */
export const TARGET_KINDS = [
  ['one write per request', MemoryWriter, 1],
  ['batches', MemoryBatchWriter, 50],
] as const;

const policy: IntakePolicy = { rules: DEFAULT_SURVIVORSHIP_RULES, deleteAction: 'deactivate' };

/**
 * Test-only: one customer-sync database for the test file (a PGlite takes seconds to
 * start), emptied before each test, and intake on it: `apply` takes a Salesforce record
 * of CK-000001 unless told otherwise.
 */
export function outboxTestStore() {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await prepareSyncDatabase(await openDatabase());
  });
  afterAll(async () => db?.close());
  beforeEach(() => store.db.exec('TRUNCATE golden_customers, xref, match_keys, golden_history, match_reviews, outbox, feed_cursors, deliveries CASCADE'));
  const store = {
    get db(): Database {
      if (!db) throw new Error('the test database opens in beforeAll');
      return db;
    },
    apply: (record: Partial<SystemRecord>) =>
      store.db.transaction((tx) => applyRecord(tx, { system: 'salesforce', recordId: 'SF1', customerKey: 'CK-000001', at: T0, values: {}, match: {}, ...record }, policy)),
  };
  return store;
}
