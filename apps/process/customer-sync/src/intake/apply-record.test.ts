import { openDatabase, type Database } from '@strata/persistence';
import { DEFAULT_SURVIVORSHIP_RULES } from '../golden/survivorship.rules';
import { prepareSyncDatabase } from '../store/sync-database';
import { applyRecord, type IntakePolicy } from './apply-record';
import type { SystemRecord } from './system-record';

const POLICY: IntakePolicy = { rules: DEFAULT_SURVIVORSHIP_RULES, deleteAction: 'deactivate' };
const T0 = Date.parse('2026-03-01T10:00:00Z');
const ana = { firstName: 'Ana', lastName: 'Núñez', birthDate: '1980-01-02', email: 'ana@example.com', phone: '+14155550100', status: 'active' };
const anaMatch = { taxIdHash: 'hash-ana', email: ana.email, birthDate: ana.birthDate, firstName: 'Ana', lastName: 'Núñez', postalCode: 'SW1A 1AA' };

const record = (overrides: Partial<SystemRecord>): SystemRecord => ({
  system: 'core-banking',
  recordId: 'P000000001',
  customerKey: 'CK-000001',
  at: T0,
  values: ana,
  match: anaMatch,
  ...overrides,
});

describe('applyRecord', () => {
  let db: Database;
  const apply = (r: SystemRecord) => db.transaction((tx) => applyRecord(tx, r, POLICY));
  const outbox = async () => (await db.query<{ target: string; version: number }>('SELECT target, version FROM outbox ORDER BY id')).rows;

  beforeAll(async () => {
    db = await prepareSyncDatabase(await openDatabase());
  });
  afterAll(async () => db.close());

  it('starts a golden record from the first system that reports a customer, under the key it carries, queuing nothing', async () => {
    const result = await apply(record({}));
    expect(result).toEqual({ outcome: 'applied', customerKey: 'CK-000001', version: 1, changedFields: ['firstName', 'lastName', 'birthDate', 'email', 'phone', 'status'], targets: [] });
    expect(await outbox()).toEqual([]);
  });

  it('links a second system by golden key, takes its newer email, keeps the bank\'s name over a conflicting one, and tells both systems', async () => {
    const crm = record({ system: 'salesforce', recordId: '003000000000001AAA', at: T0 + 60_000, values: { ...ana, lastName: 'Nunes', email: 'ana.new@example.com' } });
    const result = await apply(crm);

    expect(result).toMatchObject({ outcome: 'applied', version: 2, changedFields: ['email'], targets: ['salesforce', 'core-banking'] });
    const history = await db.query<{ rejected: { field: string; value: string }[] }>("SELECT rejected FROM golden_history WHERE customer_key = 'CK-000001' AND version = 2");
    expect(history.rows[0]?.rejected).toEqual([{ field: 'lastName', value: 'Nunes', system: 'salesforce', rule: 'source-priority' }]);
  });

  it('recognises its own write coming back (the golden values again) and queues nothing: no ping-pong', async () => {
    const before = (await outbox()).length;
    const echo = record({ at: T0 + 120_000, values: { ...ana, email: 'ana.new@example.com' } });

    expect(await apply(echo)).toEqual({ outcome: 'unchanged', customerKey: 'CK-000001' });
    expect(await outbox()).toHaveLength(before);
  });

  it('does not write back to a system whose echo of our write spells a value its own way', async () => {
    const before = (await outbox()).length;
    const echo = record({ system: 'salesforce', recordId: '003000000000001AAA', at: T0 + 130_000, echo: true, values: { ...ana, lastName: 'NUNEZ', email: 'ana.new@example.com' } });

    expect(await apply(echo)).toEqual({ outcome: 'unchanged', customerKey: 'CK-000001' });
    expect(await outbox()).toHaveLength(before);
  });

  it("keeps an echo's version only when the echo holds nothing but the golden values", async () => {
    const versionOf = async () => (await db.query<{ record_version: string | null }>("SELECT record_version FROM xref WHERE system = 'salesforce'")).rows[0]?.record_version;
    const crmEcho = (values: Partial<typeof ana>, version: string) =>
      record({ system: 'salesforce', recordId: '003000000000001AAA', at: T0 + 140_000, echo: true, version, values: { ...ana, email: 'ana.new@example.com', ...values } });

    await apply(crmEcho({ lastName: 'NUNEZ' }, 'v-ours'));
    expect(await versionOf()).toBe('v-ours');
    // Read after a CRM user's edit that intake has not seen yet: the next delivery must not name it.
    await apply(crmEcho({ phone: '+14155550199' }, 'v-with-their-edit'));
    expect(await versionOf()).toBe('v-ours');
  });

  it('links a record without a golden key by tax id hash', async () => {
    const card = record({ system: 'card-platform', recordId: 'CP-000001', customerKey: null, values: { firstName: 'ANA', lastName: 'NUNEZ' }, match: { taxIdHash: 'hash-ana' } });
    const result = await apply(card);

    expect(result).toMatchObject({ outcome: 'applied', customerKey: 'CK-000001' });
    const xref = await db.query<{ rule: string }>("SELECT rule FROM xref WHERE system = 'card-platform' AND record_id = 'CP-000001'");
    expect(xref.rows[0]?.rule).toBe('tax-id-hash');
  });

  it('sends a weak match (name, birth date, postcode) to review instead of merging, once however often it arrives', async () => {
    const loan = record({ system: 'loan-mainframe', recordId: 'LN-00000001', customerKey: null, match: { firstName: 'ANA', lastName: 'NUNEZ', birthDate: '1980-01-02', postalCode: 'SW1A1AA' } });
    const first = await apply(loan);
    const again = await apply(loan);

    expect(first).toMatchObject({ outcome: 'review', customerKey: 'CK-000001' });
    expect(again).toEqual(first);
    expect((await db.query("SELECT 1 FROM xref WHERE system = 'loan-mainframe'")).rowCount).toBe(0);
  });

  it('starts a separate golden record with a fresh key for a record that matches nobody', async () => {
    const stranger = record({ system: 'salesforce', recordId: '003000000000009AAA', customerKey: null, values: { lastName: 'Stranger' }, match: { lastName: 'Stranger' } });
    const result = await apply(stranger);
    expect(result).toMatchObject({ outcome: 'applied', customerKey: 'CK-900000', version: 1 });
  });

  it('turns a delete in one system into an inactive golden status for every other linked system, never a hard delete', async () => {
    const result = await apply(record({ system: 'salesforce', recordId: '003000000000001AAA', deleted: true, at: T0 + 200_000 }));

    expect(result).toMatchObject({ outcome: 'applied', customerKey: 'CK-000001', changedFields: ['status'], targets: ['core-banking', 'card-platform'] });
    const golden = await db.query<{ sources: { status: { value: string; rule: string } } }>("SELECT sources FROM golden_customers WHERE customer_key = 'CK-000001'");
    expect(golden.rows[0]?.sources.status).toMatchObject({ value: 'inactive', rule: 'delete-action:deactivate' });
    expect((await db.query("SELECT 1 FROM xref WHERE system = 'salesforce' AND record_id = '003000000000001AAA'")).rowCount).toBe(1);
  });

  it('ignores a delete of a record it never linked', async () => {
    expect(await apply(record({ system: 'card-platform', recordId: 'CP-404404', deleted: true }))).toEqual({ outcome: 'unchanged', customerKey: null });
  });

  it('writes nothing when any part fails: the transaction that would move the feed cursor rolls back whole', async () => {
    const countRows = async () => Number((await db.query<{ n: string }>('SELECT (SELECT count(*) FROM golden_customers) + (SELECT count(*) FROM xref) AS n')).rows[0]?.n);
    const before = await countRows();
    await expect(
      db.transaction(async (tx) => {
        await applyRecord(tx, record({ system: 'core-banking', recordId: 'P000000077', customerKey: 'CK-000077', values: { lastName: 'Lost' }, match: {} }), POLICY);
        throw new Error('crash before the cursor moved');
      }),
    ).rejects.toThrow('crash');
    expect(await countRows()).toBe(before);
  });
});
