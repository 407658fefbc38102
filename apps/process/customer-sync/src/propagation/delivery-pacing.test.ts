import type { CanonicalCustomer } from '@strata/contracts-process-customer-sync';
import { UpstreamError, UpstreamUnavailableError } from '@strata/errors';
import { createLogger } from '@strata/logging';
import { openDatabase, type Database } from '@strata/persistence';
import { MemoryWriter } from '../__fixtures__/memory-writer';
import { applyRecord } from '../intake/apply-record';
import type { SystemRecord } from '../intake/system-record';
import { DEFAULT_SURVIVORSHIP_RULES } from '../golden/survivorship.rules';
import { prepareSyncDatabase } from '../store/sync-database';
import { isOutage, outageWaitMs, pacedForMs } from './delivery-pacing';
import { OutboxDispatcher } from './outbox-dispatcher';

const logger = createLogger({ service: 'test', silent: true });
const policy = { rules: DEFAULT_SURVIVORSHIP_RULES, deleteAction: 'deactivate' as const };
const T0 = Date.parse('2026-03-01T10:00:00Z');
const quotaSpent = (retryAfterSeconds?: number) =>
  new UpstreamError('system-salesforce answered 429', { upstream: 'system-salesforce', status: 429, retryAfterSeconds, body: { type: 'urn:strata:problem:too-many-requests', status: 429, retryAfterSeconds } });

/** A target whose quota is spent for its next N writes: it answers 429 with Retry-After, as the Salesforce System API does. */
class QuotaWriter extends MemoryWriter {
  spentFor = 0;
  retryAfterSeconds: number | undefined = 1;

  override async write(customer: CanonicalCustomer, recordId: string, expectedVersion: string | null = null): Promise<string | null> {
    if (this.spentFor > 0) {
      this.spentFor -= 1;
      throw quotaSpent(this.retryAfterSeconds);
    }
    return super.write(customer, recordId, expectedVersion);
  }
}

describe('pacing: a target that answers 429 holds deliveries without spending their attempts', () => {
  let db: Database;
  let writer: QuotaWriter;
  const apply = (record: Partial<SystemRecord>) =>
    db.transaction((tx) => applyRecord(tx, { system: 'salesforce', recordId: 'SF1', customerKey: 'CK-000001', at: T0, values: {}, match: {}, ...record }, policy));
  const outbox = async () =>
    (await db.query<{ state: string; attempts: number; last_error: string | null; wait_ms: number }>(
      "SELECT state, attempts, last_error, GREATEST(0, EXTRACT(EPOCH FROM next_attempt_at - now()) * 1000)::int AS wait_ms FROM outbox WHERE target = 'core-banking' ORDER BY id",
    )).rows;
  const dueNow = () => db.query("UPDATE outbox SET next_attempt_at = now() WHERE target = 'core-banking'");

  /** Starts from an empty database holding one customer linked in Salesforce and core banking, with an email change queued for core banking. */
  const queuedEmailChange = async () => {
    await db.exec('TRUNCATE golden_customers, xref, match_keys, golden_history, match_reviews, outbox, feed_cursors, deliveries CASCADE');
    for (const record of [
      { system: 'core-banking' as const, recordId: 'P1', values: { lastName: 'Lee', email: 'lee@example.com' } },
      { at: T0 - 60_000, values: { lastName: 'Lee' } },
      { at: T0 + 10_000, values: { lastName: 'Lee', email: 'one@example.com' } },
    ]) await apply(record);
    writer = new QuotaWriter('core-banking');
  };

  beforeAll(async () => {
    db = await prepareSyncDatabase(await openDatabase());
  });
  afterAll(() => db.close());

  it('waits the Retry-After, spends no attempt however long the quota stays spent, and then delivers once', async () => {
    await queuedEmailChange();
    const dispatcher = new OutboxDispatcher({ db, writer, logger, maxAttempts: 2, retryBaseMs: 0 });
    writer.spentFor = 5;
    writer.retryAfterSeconds = 30;

    await dispatcher.dispatchDue();
    const [held] = await outbox();
    expect(held).toMatchObject({ state: 'pending', attempts: 0, last_error: expect.stringContaining('429') });
    expect(held?.wait_ms).toBeGreaterThan(25_000);
    expect(await dispatcher.dispatchDue()).toBe(0);

    for (let i = 0; i < 4; i += 1) {
      await dueNow();
      await dispatcher.dispatchDue();
    }
    expect(await outbox()).toMatchObject([{ state: 'pending', attempts: 0 }]);
    await dueNow();
    await dispatcher.dispatchDue();

    expect(await outbox()).toMatchObject([{ state: 'delivered', attempts: 0 }]);
    expect(writer.written.map((w) => w.email)).toEqual(['one@example.com']);
  });

  it('never waits longer than the longest backoff, so a quota raised early is noticed soon', async () => {
    await queuedEmailChange();
    const dispatcher = new OutboxDispatcher({ db, writer, logger, maxRetryMs: 2000 });
    writer.spentFor = 1;
    writer.retryAfterSeconds = 300;
    await dispatcher.dispatchDue();
    expect((await outbox())[0]?.wait_ms).toBeLessThanOrEqual(2000);
  });
});

describe('pacedForMs', () => {
  it('reads the Retry-After a 429 problem carries, and picks a short default when there is none', () => {
    expect(pacedForMs(quotaSpent(7), 60_000)).toBe(7000);
    expect(pacedForMs(quotaSpent(undefined), 60_000)).toBe(5000);
  });

  it('leaves every other failure to the attempt count', () => {
    expect(pacedForMs(new UpstreamError('conflict', { upstream: 'x', status: 409 }), 60_000)).toBeUndefined();
    expect(pacedForMs(new UpstreamUnavailableError('503', { upstream: 'x', reason: 'server-error', retryAfterSeconds: 5 }), 60_000)).toBeUndefined();
  });
});

describe('isOutage', () => {
  const unavailable = (reason: 'server-error' | 'connection' | 'timeout' | 'bulkhead-full' | 'breaker-open', upstreamStatus?: number) =>
    new UpstreamUnavailableError('x', { upstream: 'x', reason, upstreamStatus, retryAfterSeconds: 3 });

  it('is true when the target cannot be used: unreachable, too slow, too busy, or answering 502/503/504', () => {
    for (const error of [unavailable('connection'), unavailable('timeout'), unavailable('bulkhead-full'), unavailable('server-error', 503), unavailable('server-error', 504), unavailable('server-error', 502)]) {
      expect(isOutage(error)).toBe(true);
    }
    expect(outageWaitMs(unavailable('server-error', 503), 2000, 60_000)).toBe(3000);
  });

  it('is false for a 500, any 4xx or anything else: those are about the delivery and spend attempts', () => {
    expect(isOutage(unavailable('server-error', 500))).toBe(false);
    expect(isOutage(unavailable('server-error'))).toBe(false);
    expect(isOutage(new UpstreamError('conflict', { upstream: 'x', status: 409 }))).toBe(false);
    expect(isOutage(new Error('bug'))).toBe(false);
  });
});

describe('pacedForMs and the Retry-After header', () => {
  it('reads the header the http-client kept, not the problem body', () => {
    const error = new UpstreamError('429', { upstream: 'x', status: 429, retryAfterSeconds: 9, body: { retryAfterSeconds: 300 } });
    expect(pacedForMs(error, 60_000)).toBe(9000);
  });
});
