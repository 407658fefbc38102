import { openDatabase, type Database } from '@strata/persistence';
import { createScratchDatabase, type ScratchDatabase } from '@strata/testing';
import { lockGolden } from '../golden/golden-versions';
import { applyRecord } from '../intake/apply-record';
import { DEFAULT_SURVIVORSHIP_RULES } from '../golden/survivorship.rules';
import { prepareSyncDatabase } from '../store/sync-database';
import { markDelivered } from './outbox.queries';

/**
 * Intake and the dispatchers' bookkeeping side by side, as only PostgreSQL runs them. An
 * intake page locks several golden records in its own order; recording a batch of
 * deliveries must not wait for those locks, or the two deadlock and the answers of
 * writes already applied are lost.
 */
let scratch: ScratchDatabase;
let db: Database;

beforeAll(async () => {
  scratch = await createScratchDatabase('customer_sync_locks');
  db = await prepareSyncDatabase(await openDatabase({ url: scratch.url, poolSize: 4 }));
  const policy = { rules: DEFAULT_SURVIVORSHIP_RULES, deleteAction: 'deactivate' as const };
  for (const [system, recordId] of [['core-banking', 'P1'], ['salesforce', 'SF1']] as const) {
    await db.transaction((tx) => applyRecord(tx, { system, recordId, customerKey: 'CK-000001', at: Date.now(), values: { lastName: 'Lee' }, match: {} }, policy));
  }
});
afterAll(async () => {
  await db?.close();
  await scratch?.drop();
});

it('records a delivery while an intake transaction holds its golden record', async () => {
  let release!: () => void;
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const intake = db.transaction(async (tx) => {
    await lockGolden(tx, 'CK-000001');
    locked();
    await new Promise<void>((resolve) => (release = resolve));
  });
  await isLocked;

  const recorded = markDelivered(db, 'core-banking', [{ customerKey: 'CK-000001', version: 1, written: { recordId: 'P1', recordVersion: '7', versionBefore: null } }]).then(() => 'recorded');
  const first = await Promise.race([recorded, new Promise((resolve) => setTimeout(resolve, 2000, 'waited for intake'))]);
  release();
  await Promise.all([intake, recorded]);

  expect(first).toBe('recorded');
  const link = await db.query<{ record_version: string; record_version_golden: number }>("SELECT record_version, record_version_golden FROM xref WHERE system = 'core-banking'");
  expect(link.rows).toEqual([{ record_version: '7', record_version_golden: 1 }]);
});
