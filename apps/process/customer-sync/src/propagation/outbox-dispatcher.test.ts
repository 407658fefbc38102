import { UpstreamUnavailableError } from '@strata/errors';
import { MemoryBatchWriter, MemoryWriter } from '../__fixtures__/memory-writer';
import { outboxTestStore, silentLogger, T0, TARGET_KINDS } from '../__fixtures__/outbox-test-store';
import { OutboxDispatcher } from './outbox-dispatcher';
import { replayDeadLetter } from './outbox.queries';

const store = outboxTestStore();

/** Every rule holds the same whether the target takes one write per request or batches of them. */
describe.each(TARGET_KINDS)('OutboxDispatcher, a target taking %s', (_kind, Writer, batchSize) => {
  let writer: MemoryWriter;
  let dispatcher: OutboxDispatcher;

  const { apply } = store;
  /** A customer linked in Salesforce and core banking, then an email change in Salesforce queued for core banking. */
  const emailChange = async (email: string, at: number) => apply({ at, values: { lastName: 'Lee', email } });
  const outbox = async () => (await store.db.query<{ state: string; attempts: number; version: number }>("SELECT state, attempts, version FROM outbox WHERE target = 'core-banking' ORDER BY id")).rows;

  beforeEach(async () => {
    writer = new Writer('core-banking');
    dispatcher = new OutboxDispatcher({ batchSize, db: store.db, writer, logger: silentLogger, maxAttempts: 3, retryBaseMs: 0 });
    await apply({ system: 'core-banking', recordId: 'P1', values: { lastName: 'Lee', email: 'lee@example.com' } });
    await apply({ at: T0 - 60_000, values: { lastName: 'Lee' } });
  });

  it('writes the current golden record to the linked record, once for several queued versions', async () => {
    await emailChange('one@example.com', T0 + 10_000);
    await emailChange('two@example.com', T0 + 20_000);

    await dispatcher.dispatchDue();
    await dispatcher.dispatchDue();

    expect(writer.written).toEqual([{ recordId: 'P1', version: 4, email: 'two@example.com' }]);
    expect((await outbox()).map((row) => row.state)).toEqual(['delivered', 'delivered']);
  });

  it("names the record's version intake read, then the version its own write answered with", async () => {
    await store.db.query("UPDATE xref SET record_version = '7' WHERE system = 'core-banking'");
    writer.answerVersion = (n) => String(7 + n);
    await emailChange('one@example.com', T0 + 10_000);
    await dispatcher.dispatchDue();
    await emailChange('two@example.com', T0 + 20_000);
    await dispatcher.dispatchDue();

    expect(writer.expectedVersions).toEqual(['7', '8']);
    expect((await store.db.query<{ record_version: string }>("SELECT record_version FROM xref WHERE system = 'core-banking'")).rows).toEqual([{ record_version: '9' }]);
  });

  it('retries a failed delivery and then delivers it', async () => {
    await emailChange('one@example.com', T0 + 10_000);
    writer.failNext = 1;

    await dispatcher.dispatchDue();
    expect(await outbox()).toEqual([{ state: 'pending', attempts: 1, version: 3 }]);
    await dispatcher.dispatchDue();

    expect(writer.written.map((w) => w.email)).toEqual(['one@example.com']);
  });

  it('dead-letters a delivery after the last attempt, with its reason, and replays it on request', async () => {
    await emailChange('one@example.com', T0 + 10_000);
    writer.reject = true;
    for (let i = 0; i < 3; i += 1) await dispatcher.dispatchDue();

    const dead = await store.db.query<{ id: string; state: string; last_error: string }>("SELECT id, state, last_error FROM outbox WHERE target = 'core-banking'");
    expect(dead.rows[0]).toMatchObject({ state: 'dead', last_error: 'email: not accepted by this system' });

    writer.reject = false;
    expect(await replayDeadLetter(store.db, Number(dead.rows[0]?.id))).toBe(true);
    await dispatcher.dispatchDue();
    expect(writer.written.map((w) => w.email)).toEqual(['one@example.com']);
  });

  it('spends no attempts while the target is blocked or its breaker is open', async () => {
    await emailChange('one@example.com', T0 + 10_000);
    writer.blocked = true;
    expect(await dispatcher.dispatchDue()).toBe(0);
    writer.blocked = false;
    writer.breakerOpen = true;
    await dispatcher.dispatchDue();

    expect(await outbox()).toEqual([{ state: 'pending', attempts: 0, version: 3 }]);
  });

  describe('an outage', () => {
    const lastErrors = async () => (await store.db.query<{ last_error: string | null }>("SELECT last_error FROM outbox WHERE target = 'core-banking' ORDER BY id")).rows;
    const dueNow = () => store.db.query("UPDATE outbox SET next_attempt_at = now() WHERE target = 'core-banking'");
    const outages = {
      'a 503 (the backend behind the System API is down)': undefined,
      'a connection refused': () => new UpstreamUnavailableError('connect ECONNREFUSED', { upstream: 'core-banking', reason: 'connection' }),
      'a timeout': () => new UpstreamUnavailableError('no answer within 3000 ms', { upstream: 'core-banking', reason: 'timeout' }),
    };

    it.each(Object.entries(outages))('spends no attempts however long it lasts: %s', async (_name, failure) => {
      if (failure) writer.unavailableAs = failure;
      writer.unavailableFor.add('P1');
      dispatcher = new OutboxDispatcher({ batchSize, db: store.db, writer, logger: silentLogger, maxAttempts: 3, retryBaseMs: 0, outageRetryMs: 60_000 });
      await emailChange('one@example.com', T0 + 10_000);
      for (let i = 0; i < 10; i += 1) {
        await dispatcher.dispatchDue();
        expect(await dispatcher.dispatchDue()).toBe(0); // held for outageRetryMs, not retried at once
        await dueNow();
      }
      expect(await outbox()).toEqual([{ state: 'pending', attempts: 0, version: 3 }]);
      expect((await lastErrors())[0]?.last_error).toMatch(/503|ECONNREFUSED|3000 ms/);

      writer.unavailableFor.clear();
      await dispatcher.dispatchDue();
      expect(writer.written.map((w) => w.email)).toEqual(['one@example.com']);
      expect((await outbox()).map((row) => row.state)).toEqual(['delivered']);
    });

    it('a delivery that keeps failing as unavailable while the target accepts others still ends in the dead letters', async () => {
      await apply({ system: 'core-banking', recordId: 'P2', customerKey: 'CK-000002', values: { lastName: 'Ray', email: 'ray@example.com' } });
      await apply({ recordId: 'SF2', customerKey: 'CK-000002', at: T0 - 60_000, values: { lastName: 'Ray' } });
      writer.unavailableFor.add('P1');
      dispatcher = new OutboxDispatcher({ batchSize, db: store.db, writer, logger: silentLogger, maxAttempts: 3, retryBaseMs: 0, outageRetryMs: 0, concurrency: 1 });
      await emailChange('one@example.com', T0 + 10_000);
      await dispatcher.dispatchDue(); // first failure: nothing accepted yet, so it waits like an outage
      // Each round: CK-000001 (the older row) fails again, then CK-000002's change is accepted.
      // The failure of the round after an acceptance counts: rounds 2 to 4 spend the 3 attempts.
      for (let i = 0; i < 4; i += 1) {
        await apply({ recordId: 'SF2', customerKey: 'CK-000002', at: T0 + 20_000 + i * 1000, values: { lastName: 'Ray', email: `ray${i}@example.com` } });
        await dispatcher.dispatchDue();
        // In a batch, CK-000002 is accepted in the very request CK-000001 failed in: proof
        // enough that the target works, so that failure already counts.
        if (i === 0) expect(await outbox()).toContainEqual({ state: 'pending', attempts: Writer === MemoryBatchWriter ? 1 : 0, version: 3 });
      }

      const rows = await store.db.query<{ customer_key: string; state: string; attempts: number }>(
        "SELECT customer_key, state, attempts FROM outbox WHERE target = 'core-banking' AND state <> 'delivered' ORDER BY id",
      );
      expect(rows.rows).toEqual([{ customer_key: 'CK-000001', state: 'dead', attempts: 3 }]);
      expect(writer.written.map((w) => w.email)).toEqual(['ray0@example.com', 'ray1@example.com', 'ray2@example.com', 'ray3@example.com']);
    });
  });

  it('keeps one customer in order: a later version waits while the earlier one is retrying', async () => {
    await emailChange('one@example.com', T0 + 10_000);
    writer.failNext = 1;
    dispatcher = new OutboxDispatcher({ batchSize, db: store.db, writer, logger: silentLogger, maxAttempts: 3, retryBaseMs: 60_000 });
    await dispatcher.dispatchDue();
    await emailChange('two@example.com', T0 + 20_000);

    expect(await dispatcher.dispatchDue()).toBe(0);
    expect(writer.written).toEqual([]);
  });
});

describe('OutboxDispatcher, batch requests', () => {
  let writer: MemoryBatchWriter;

  /** `n` customers linked in Salesforce and core banking, each with an email change queued for core banking. */
  async function changedCustomers(n: number): Promise<void> {
    for (let i = 1; i <= n; i += 1) {
      const customerKey = `CK-${String(i).padStart(6, '0')}`;
      const link = (system: 'salesforce' | 'core-banking', recordId: string, at: number, email: string) =>
        store.apply({ system, recordId, customerKey, at, values: { lastName: `Lee${i}`, email } });
      await link('core-banking', `P${i}`, T0, `lee${i}@example.com`);
      await link('salesforce', `SF${i}`, T0 - 60_000, `lee${i}@example.com`);
      await link('salesforce', `SF${i}`, T0 + 10_000, `new${i}@example.com`);
    }
  }
  const states = async () =>
    (await store.db.query<{ customer_key: string; state: string; attempts: number }>("SELECT customer_key, state, attempts FROM outbox WHERE target = 'core-banking' ORDER BY customer_key, id")).rows;

  beforeEach(() => {
    writer = new MemoryBatchWriter('core-banking');
  });

  it('sends a backlog in requests of batchSize, each customer once with its current golden record', async () => {
    await changedCustomers(7);
    const dispatcher = new OutboxDispatcher({ db: store.db, writer, logger: silentLogger, batchSize: 3 });
    await dispatcher.dispatchDue();
    await dispatcher.dispatchDue();

    expect(writer.batches).toEqual([3, 3, 1]);
    expect(dispatcher.counts()).toMatchObject({ requests: 3, deliveries: 7 });
    expect(writer.written.map((w) => w.email).sort()).toEqual(Array.from({ length: 7 }, (_, i) => `new${i + 1}@example.com`).sort());
    expect((await states()).every((row) => row.state === 'delivered')).toBe(true);
  });

  it("handles each item's failure on its own: the others are delivered, a rejected one spends an attempt", async () => {
    await changedCustomers(3);
    writer.rejectFor.add('P2');
    const dispatcher = new OutboxDispatcher({ db: store.db, writer, logger: silentLogger, batchSize: 10, maxAttempts: 3, retryBaseMs: 0 });
    await dispatcher.dispatchDue();

    expect(writer.written.map((w) => w.recordId).sort()).toEqual(['P1', 'P3']);
    expect(dispatcher.counts()).toEqual({ requests: 1, deliveries: 3, failures: { 'breaker-open': 0, paced: 0, outage: 0, stale: 0, rejected: 1 } });
    const byCustomer = Object.fromEntries((await states()).filter((r) => r.state === 'pending').map((r) => [r.customer_key, r.attempts]));
    expect(byCustomer).toEqual({ 'CK-000002': 1 });
  });

  it('spends no attempt when the whole batch meets an outage, and delivers it all once the target is back', async () => {
    await changedCustomers(4);
    const dispatcher = new OutboxDispatcher({ db: store.db, writer, logger: silentLogger, batchSize: 10, outageRetryMs: 10 });
    writer.failNextBatch = 1;
    await dispatcher.dispatchDue();
    expect((await states()).filter((r) => r.state === 'pending').map((r) => r.attempts)).toEqual([0, 0, 0, 0]);

    await new Promise((resolve) => setTimeout(resolve, 30));
    await dispatcher.dispatchDue();
    expect(writer.batches).toEqual([4, 4]);
    expect(writer.written).toHaveLength(4);
  });

  it('sends each delivery on its own with batchSize 1', async () => {
    await changedCustomers(2);
    await new OutboxDispatcher({ db: store.db, writer, logger: silentLogger, batchSize: 1 }).dispatchDue();
    expect(writer.batches).toEqual([]);
    expect(writer.written).toHaveLength(2);
  });
});
