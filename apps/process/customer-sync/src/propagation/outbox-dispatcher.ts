import type { Logger } from '@strata/logging';
import { tryAcquireLease, type Database, type Lease } from '@strata/persistence';
import { loadGoldensWithLinks, type GoldenLink, type GoldenWithLinks } from '../golden/canonical-customer';
import { adoptLiveVersion } from '../intake/echo-version';
import { deferDelivery, failureKind, isOutage, outageWaitMs, pacedForMs } from './delivery-pacing';
import { DeliveryTally, type DeliveryCounts } from './delivery-tally';
import { dueDeliveries, markDelivered, markFailed, type DeliveredWrite, type DueDelivery } from './outbox.queries';
import type { TargetWriteOutcome, TargetWriter } from './target-writer';

/** Batches in flight per target: while one is being written, the next is read and sent, so neither side idles. */
const BATCHES_IN_FLIGHT = 2;

/** A due delivery with what it writes. */
interface PendingWrite {
  delivery: DueDelivery;
  golden: GoldenWithLinks;
  link: GoldenLink;
}

/** How a target's outbox retries and paces its deliveries: the settings an operator tunes. */
export interface DeliverySettings {
  /** Attempts before a delivery becomes a dead letter. Default 8. */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to `maxRetryMs`. Default 500 ms. */
  retryBaseMs?: number;
  /** Longest wait between attempts, and longest Retry-After honoured. Default 60 s. */
  maxRetryMs?: number;
  /** How long an outage (target unreachable, timing out, or answering 502/503/504) holds a delivery without spending an attempt. Default 2,000 ms. */
  outageRetryMs?: number;
  /** Customers delivered side by side (each customer's own deliveries stay in order). Default 8. Targets written in batches use {@link BATCHES_IN_FLIGHT} instead. */
  concurrency?: number;
  /**
   * Deliveries sent in one request to a target that takes batches (`writeMany`); 1
   * sends each alone. Default 50, as customer-sync's `OUTBOX_BATCH_SIZE`. A batch costs one request, one golden read and one bookkeeping statement
   * instead of one of each per customer.
   */
  batchSize?: number;
}

export interface OutboxDispatcherOptions extends DeliverySettings {
  db: Database;
  writer: TargetWriter;
  logger: Logger;
  /** Pause when nothing is due. Default 100 ms. */
  idleMs?: number;
  leaseRetryMs?: number;
}

/**
 * Delivers one target's outbox: the current golden record, written to the target's
 * linked record through its System API, in order per customer. Failures retry with
 * doubling delays; after `maxAttempts` a delivery becomes a dead letter with its
 * reason. While the target's breaker is open nothing is attempted, so no attempts are
 * spent on an outage; a target that answers 429 (its quota is spent) holds the delivery
 * for its Retry-After, again without spending an attempt. The same goes for an outage the
 * breaker has not (or not yet, or no longer: a half-open probe) shut off: a target that
 * cannot be reached, times out or answers 502/503/504 holds the delivery for
 * `outageRetryMs`. Such a failure counts as an attempt only when the target accepted
 * another delivery since this one last failed: then the target works and the failure is
 * this delivery's own, so a delivery that always fails still ends in the dead letters,
 * while an outage of any length dead-letters nothing. One replica per target holds the lease.
 *
 * A target whose System API takes batches gets up to `batchSize` deliveries per
 * request; each item's outcome is handled exactly as a single delivery's would be.
 *
 * A delivery refused as stale (412) waits for intake to read the change that moved the
 * record on, unless the record, read live, holds only what customer-sync wrote: then the
 * change was ours (a write whose answer a crash or timeout lost), its version is taken
 * and the delivery goes again at once, whether or not the feed ever echoes it.
 */
export class OutboxDispatcher {
  private running = false;
  private loop: Promise<void> | undefined;
  private lease: Lease | undefined;
  private wake: (() => void) | undefined;
  /** Deliveries this dispatcher saw accepted so far: "did the target work since then?" compares against it. */
  private accepted = 0;
  /** Per delivery that failed as an outage: `accepted` at that failure. */
  private readonly outageFailures = new Map<number, number>();
  private readonly tally = new DeliveryTally();

  constructor(private readonly options: OutboxDispatcherOptions) {}

  get target() {
    return this.options.writer.system;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.lease?.release();
    this.lease = undefined;
  }

  /** New outbox rows were committed: deliver without waiting for the idle pause. */
  nudge(): void {
    this.wake?.();
  }

  /** Write requests sent so far, the deliveries they carried, and failures by kind (this replica, since it started). */
  counts(): DeliveryCounts {
    return this.tally.snapshot();
  }

  isDispatching(): boolean {
    return this.lease !== undefined && !this.lease.signal.aborted;
  }

  /** Delivers what is due now, once; returns how many deliveries were attempted. Exposed for tests. */
  async dispatchDue(): Promise<number> {
    if (this.options.writer.isBlocked()) return 0;
    const batchSize = this.batchSize();
    const lanes = batchSize > 1 ? BATCHES_IN_FLIGHT : (this.options.concurrency ?? 8);
    const due = await dueDeliveries(this.options.db, this.target, batchSize > 1 ? batchSize * lanes : Math.max(64, lanes * 4));
    const batches: DueDelivery[][] = [];
    for (let i = 0; i < due.length; i += batchSize) batches.push(due.slice(i, i + batchSize));
    // A pool, not rounds: one slow delivery (the mainframe's acknowledgement) must not hold the others.
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const batch = batches[next++] as DueDelivery[];
        // Only the outbox bookkeeping can throw here (the writes' own failures are handled);
        // the rows stay pending and are delivered again, which the idempotent upsert allows.
        // Caught per batch so the pool finishes before the next round picks rows again.
        await this.deliver(batch).catch((error: unknown) =>
          this.options.logger.warn('could not record a delivery; it stays due', { target: this.target, customerKeys: batch.map((d) => d.customerKey), error }),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(lanes, batches.length) }, worker));
    return due.length;
  }

  /** Deliveries per write request: 1 unless the target takes batches and batching is on. */
  private batchSize(): number {
    return this.options.writer.writeMany ? Math.max(1, this.options.batchSize ?? 50) : 1;
  }

  /** Writes a batch of due deliveries (one, for targets without batches) and records each one's outcome. */
  private async deliver(batch: DueDelivery[]): Promise<void> {
    const { db } = this.options;
    const goldens = await loadGoldensWithLinks(db, batch.map((d) => d.customerKey));
    const writes: PendingWrite[] = [];
    const nothingToWrite: DeliveredWrite[] = [];
    for (const delivery of batch) {
      const golden = goldens.get(delivery.customerKey);
      const link = golden?.links.find((l) => l.system === this.target);
      if (golden && link) writes.push({ delivery, golden, link });
      else nothingToWrite.push({ customerKey: delivery.customerKey, version: delivery.version });
    }
    await markDelivered(db, this.target, nothingToWrite);
    if (writes.length === 0) return;
    const acceptedBefore = this.accepted;
    const outcomes = await this.write(writes);
    const delivered: DeliveredWrite[] = [];
    const failures: { write: PendingWrite; error: unknown }[] = [];
    outcomes.forEach((outcome, i) => {
      const write = writes[i] as PendingWrite;
      const { delivery, golden, link } = write;
      if (!outcome.ok) return void failures.push({ write, error: outcome.error });
      this.outageFailures.delete(delivery.id);
      const written = outcome.recordVersion === null ? undefined : { recordId: link.record_id, recordVersion: outcome.recordVersion, versionBefore: link.record_version };
      delivered.push({ customerKey: delivery.customerKey, version: golden.customer.version, written });
    });
    this.accepted += delivered.length;
    await markDelivered(db, this.target, delivered);
    for (const { write, error } of failures) await this.failed(write, error, acceptedBefore);
  }

  /** One outcome per write, in order; a failure of the whole call is every write's failure. */
  private async write(writes: PendingWrite[]): Promise<TargetWriteOutcome[]> {
    const { writer } = this.options;
    const requests = writes.map(({ golden, link }) => ({ customer: golden.customer, recordId: link.record_id, expectedVersion: link.record_version }));
    this.tally.sent(requests.length);
    try {
      if (writer.writeMany && this.batchSize() > 1) {
        const outcomes = await writer.writeMany(requests);
        if (outcomes.length !== requests.length) throw new Error(`${this.target} answered ${outcomes.length} outcomes for ${requests.length} writes`);
        return outcomes;
      }
      const { customer, recordId, expectedVersion } = requests[0] as (typeof requests)[number];
      return [{ ok: true, recordVersion: await writer.write(customer, recordId, expectedVersion) }];
    } catch (error) {
      return requests.map(() => ({ ok: false, error }));
    }
  }

  private async failed({ delivery, link }: PendingWrite, error: unknown, acceptedBefore: number): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const maxRetryMs = this.options.maxRetryMs ?? 60_000;
    const kind = failureKind(error);
    this.tally.failed(kind);
    if (kind === 'breaker-open') return; // not an attempt: waits for the breaker
    if (kind === 'paced') {
      const pacedFor = pacedForMs(error, maxRetryMs) ?? maxRetryMs;
      await deferDelivery(this.options.db, delivery.id, message, pacedFor); // not an attempt either: the target asked us to wait
      this.options.logger.info('delivery paced by its target; will retry', { target: this.target, customerKey: delivery.customerKey, retryInMs: pacedFor });
      return;
    }
    if (isOutage(error)) {
      const targetWorkedSince = this.accepted > (this.outageFailures.get(delivery.id) ?? acceptedBefore);
      this.outageFailures.set(delivery.id, this.accepted);
      if (!targetWorkedSince) {
        const waitMs = outageWaitMs(error, this.options.outageRetryMs ?? 2000, maxRetryMs);
        await deferDelivery(this.options.db, delivery.id, message, waitMs);
        this.options.logger.info('target unavailable; delivery waits without spending an attempt', { target: this.target, customerKey: delivery.customerKey, retryInMs: waitMs, error: message });
        return;
      }
    }
    const attempts = delivery.attempts + 1;
    // Refused only for our own bookkeeping (a lost answer, now repaired): never the attempt that dead-letters it.
    const ownLostAnswer = kind === 'stale' && (await this.tookLiveVersion(delivery, link));
    const dead = !ownLostAnswer && attempts >= (this.options.maxAttempts ?? 8);
    const retryIn = ownLostAnswer ? 0 : Math.min(maxRetryMs, (this.options.retryBaseMs ?? 500) * 2 ** (attempts - 1));
    await markFailed(this.options.db, delivery.id, message, retryIn, dead);
    if (dead) this.outageFailures.delete(delivery.id);
    const context = { target: this.target, customerKey: delivery.customerKey, attempts, error: message };
    if (dead) this.options.logger.error('delivery dead-lettered', context);
    else this.options.logger.warn('delivery failed; will retry', context);
  }

  /**
   * After a 412: whether the record, read live, holds only what customer-sync wrote, so
   * that the refusal came from our own earlier write whose answer was lost; its version
   * is then on the link and the delivery can go again at once. Otherwise (someone else
   * changed the record, or it cannot be read now) the delivery waits for intake to read
   * that change, as before.
   */
  private async tookLiveVersion(delivery: DueDelivery, link: GoldenLink): Promise<boolean> {
    const { writer, db, logger } = this.options;
    if (!writer.readRecord) return false;
    try {
      const live = await writer.readRecord(link.record_id);
      return live !== null && (await adoptLiveVersion(db, live, delivery.customerKey, link.record_version));
    } catch (error) {
      logger.info('could not read a stale delivery\'s record live; it waits for the change feed', { target: this.target, customerKey: delivery.customerKey, error });
      return false;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (!this.isDispatching()) {
        this.lease = await tryAcquireLease(this.options.db, `customer-sync:outbox:${this.target}`).catch(() => undefined);
        if (!this.isDispatching()) {
          this.lease = undefined;
          await this.sleep(this.options.leaseRetryMs ?? 2000);
          continue;
        }
      }
      const attempted = await this.dispatchDue().catch((error: unknown) => {
        this.options.logger.warn('outbox dispatch failed; will retry', { target: this.target, error });
        return 0;
      });
      if (attempted === 0) await this.sleep(this.options.idleMs ?? 100);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.wake = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}
