import type { MemoryWriter } from '../__fixtures__/memory-writer';
import { outboxTestStore, silentLogger, T0, TARGET_KINDS } from '../__fixtures__/outbox-test-store';
import type { SystemRecord } from '../intake/system-record';
import { OutboxDispatcher } from './outbox-dispatcher';

const store = outboxTestStore();

/**
 * A target with optimistic concurrency (If-Match on the record's version) and the link's
 * version: deliveries must neither stick on a version the link never learnt (a write
 * applied whose answer was lost) nor fall back to one a later write superseded.
 */
describe.each(TARGET_KINDS)('record versions, a target taking %s', (_kind, Writer, batchSize) => {
  let writer: MemoryWriter;
  let dispatcher: OutboxDispatcher;

  const { apply } = store;
  /** A change in Salesforce that core banking must hear. */
  const crmChange = (values: SystemRecord['values'], at: number) => apply({ at, values: { lastName: 'Lee', ...values } });
  /** Core banking's feed reporting our own write: the values it now holds, at its new version. */
  const echo = (email: string, version: string) => apply({ system: 'core-banking', recordId: 'P1', echo: true, version, at: Date.now(), values: { lastName: 'Lee', email } });
  const link = async () => (await store.db.query<{ record_version: string }>("SELECT record_version FROM xref WHERE system = 'core-banking'")).rows[0]?.record_version;
  const outbox = async () => (await store.db.query<{ state: string; attempts: number }>("SELECT state, attempts FROM outbox WHERE target = 'core-banking' ORDER BY id")).rows;

  beforeEach(async () => {
    writer = new Writer('core-banking');
    writer.recordVersions = new Map([['P1', 1]]);
    // A retry delay longer than the test: only a due-again delivery can be written twice.
    dispatcher = new OutboxDispatcher({ batchSize, db: store.db, writer, logger: silentLogger, maxAttempts: 3, retryBaseMs: 60_000, outageRetryMs: 0 });
    await apply({ system: 'core-banking', recordId: 'P1', version: 'r1', values: { lastName: 'Lee', email: 'lee@example.com' } });
    await apply({ at: T0 - 60_000, values: { lastName: 'Lee' } });
  });

  it("learns a write's version from its echo when the answer was lost, though the golden record moved on, and delivers at once", async () => {
    await crmChange({ email: 'one@example.com' }, T0 + 10_000);
    writer.loseAnswerOfNext = 1;
    await dispatcher.dispatchDue(); // applied as r2, answer lost: an outage, no attempt spent
    await crmChange({ email: 'two@example.com' }, T0 + 20_000);
    await dispatcher.dispatchDue(); // still names r1: refused with 412, retry in a minute

    expect(await outbox()).toEqual([
      { state: 'pending', attempts: 1 },
      { state: 'pending', attempts: 0 },
    ]);
    expect(dispatcher.counts().failures).toMatchObject({ outage: 1, stale: 1, rejected: 0 });
    await echo('one@example.com', 'r2');
    expect(await link()).toBe('r2');
    await dispatcher.dispatchDue();

    expect(writer.expectedVersions).toEqual(['r1', 'r1', 'r2']);
    expect(writer.written.map((w) => w.email)).toEqual(['one@example.com', 'two@example.com']);
    expect((await outbox()).map((row) => row.state)).toEqual(['delivered', 'delivered']);
    expect(await link()).toBe('r3');
  });

  it('keeps the version of a later write when the echo of an earlier one comes back after it', async () => {
    await crmChange({ email: 'one@example.com' }, T0 + 10_000);
    await dispatcher.dispatchDue(); // r2
    // A field core banking's echo does not carry: the earlier echo looks like the current golden record.
    await crmChange({ email: 'one@example.com', phone: '+14155550100' }, T0 + 20_000);
    await dispatcher.dispatchDue(); // r3

    // A late echo, rightly ignored: nothing for the log either.
    expect(await echo('one@example.com', 'r2')).toEqual({ outcome: 'unchanged', customerKey: 'CK-000001' });
    expect(await link()).toBe('r3');
    await crmChange({ email: 'three@example.com', phone: '+14155550100' }, T0 + 30_000);
    await dispatcher.dispatchDue();

    expect(writer.expectedVersions).toEqual(['r1', 'r2', 'r3']);
    expect(await outbox()).toEqual([
      { state: 'delivered', attempts: 0 },
      { state: 'delivered', attempts: 0 },
      { state: 'delivered', attempts: 0 },
    ]);
  });

  it('after a 412, takes the version of the record read live when it holds only what we wrote, and delivers again at once', async () => {
    await crmChange({ email: 'one@example.com' }, T0 + 10_000);
    writer.loseAnswerOfNext = 1;
    await dispatcher.dispatchDue(); // applied as r2, answer lost
    await crmChange({ email: 'two@example.com' }, T0 + 20_000);
    const live = (version: string, email: string): SystemRecord => ({ system: 'core-banking', recordId: 'P1', customerKey: null, at: Date.now(), version, values: { lastName: 'Lee', email }, match: {} });
    writer.readRecord = async () => live('r2', 'one@example.com');
    await dispatcher.dispatchDue(); // names r1: 412; the live read shows our own write, so r2 is taken

    expect(await link()).toBe('r2');
    await dispatcher.dispatchDue(); // due at once, no echo needed
    expect(writer.expectedVersions).toEqual(['r1', 'r1', 'r2']);
    expect((await outbox()).map((row) => row.state)).toEqual(['delivered', 'delivered']);
    expect(await link()).toBe('r3');
  });

  it('after a 412 on its last attempt, a delivery whose record read live holds only what we wrote is not dead-lettered', async () => {
    await crmChange({ email: 'one@example.com' }, T0 + 10_000);
    writer.loseAnswerOfNext = 1;
    await dispatcher.dispatchDue(); // applied as r2, answer lost
    await crmChange({ email: 'two@example.com' }, T0 + 20_000);
    await store.db.query("UPDATE outbox SET attempts = 2 WHERE target = 'core-banking'"); // two attempts spent already; maxAttempts is 3
    writer.readRecord = async () => ({ system: 'core-banking', recordId: 'P1', customerKey: null, at: Date.now(), version: 'r2', values: { lastName: 'Lee', email: 'one@example.com' }, match: {} });
    await dispatcher.dispatchDue(); // names r1: 412 on the third attempt; the live read repairs the link

    expect(await outbox()).toEqual([{ state: 'pending', attempts: 3 }, { state: 'pending', attempts: 2 }]);
    await dispatcher.dispatchDue();
    expect(writer.expectedVersions).toEqual(['r1', 'r1', 'r2']);
    expect((await outbox()).map((row) => row.state)).toEqual(['delivered', 'delivered']);
  });

  it("after a 412, leaves the link alone when the record read live holds someone else's edit: the delivery waits for intake", async () => {
    await crmChange({ email: 'one@example.com' }, T0 + 10_000);
    writer.recordVersions?.set('P1', 2); // a clerk's edit intake has not read yet
    writer.readRecord = async () => ({ system: 'core-banking', recordId: 'P1', customerKey: null, at: Date.now(), version: 'r2', values: { lastName: 'Lee', email: 'clerk@example.com' }, match: {} });
    await dispatcher.dispatchDue();
    await dispatcher.dispatchDue(); // the retry delay holds it

    expect(await link()).toBe('r1');
    expect(writer.expectedVersions).toEqual(['r1']);
    expect(await outbox()).toEqual([{ state: 'pending', attempts: 1 }]);
  });

  it("keeps the version intake read from someone else's edit made while our write's answer was on its way", async () => {
    await crmChange({ email: 'one@example.com' }, T0 + 10_000);
    writer.beforeNextAnswer = async () => {
      // The write is applied (r2); a clerk edits the record at once (r3), and intake reads that edit before the answer arrives.
      writer.recordVersions?.set('P1', 3);
      await apply({ system: 'core-banking', recordId: 'P1', version: 'r3', at: T0 + 15_000, values: { lastName: 'Lee', email: 'one@example.com', phone: '+13035550100' } });
    };
    await dispatcher.dispatchDue();
    expect(await link()).toBe('r3');

    await crmChange({ email: 'three@example.com' }, T0 + 30_000);
    await dispatcher.dispatchDue();
    expect(writer.expectedVersions).toEqual(['r1', 'r3']);
    expect((await outbox()).map((row) => row.state)).toEqual(['delivered', 'delivered']);
    expect(dispatcher.counts().failures).toMatchObject({ stale: 0 });
  });

  it('does not take the version of an echo that holds values no golden version had: someone else edited the record', async () => {
    await crmChange({ email: 'one@example.com' }, T0 + 10_000);
    writer.loseAnswerOfNext = 1;
    await dispatcher.dispatchDue();

    const result = await echo('their-edit@example.com', 'r2');
    expect(await link()).toBe('r1');
    // Named for the log (field names, never values): later deliveries wait for the record's next change.
    expect(result).toEqual({ outcome: 'unchanged', customerKey: 'CK-000001', echoNotAdopted: { system: 'core-banking', recordId: 'P1', differingFields: ['email'] } });
  });
});
