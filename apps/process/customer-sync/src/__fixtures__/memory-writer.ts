import type { CanonicalCustomer, SyncedSystem } from '@strata/contracts-process-customer-sync';
import { UpstreamError, UpstreamUnavailableError } from '@strata/errors';
import type { SystemRecord } from '../intake/system-record';
import type { TargetWrite, TargetWriteOutcome, TargetWriter } from '../propagation/target-writer';

/** Test-only: a target system that records what it was sent and fails on request. */
export class MemoryWriter implements TargetWriter {
  readonly written: { recordId: string; version: number; email: string | null }[] = [];
  /** The `expectedVersion` each write was given. */
  readonly expectedVersions: (string | null)[] = [];
  /** The record version each accepted write answers with (null: a system without versions). */
  answerVersion: (writeCount: number) => string | null = () => null;
  blocked = false;
  /** Fail the next N writes as a server error (transient). */
  failNext = 0;
  /** Reject every write as invalid (permanent). */
  reject = false;
  /** Reject every write to these records as invalid (permanent). */
  readonly rejectFor = new Set<string>();
  /** Answer like a client whose breaker just opened. */
  breakerOpen = false;
  /** Fail every write to these records as the target being unavailable (e.g. a 503 from a System API whose backend is down). */
  readonly unavailableFor = new Set<string>();
  /** How the unavailable records fail. */
  /**
   * Record versions kept as a system with optimistic concurrency keeps them (`r1`, `r2`,
   * ...; a record not listed is at `r1`): a write naming another version is refused
   * with 412, an accepted one moves the record on and answers its new version. Unset:
   * a system without versions, answering {@link answerVersion}.
   */
  recordVersions: Map<string, number> | undefined;
  /** The record as the system holds it now, for a delivery refused as stale; unset: a writer that cannot read. */
  readRecord?: (recordId: string) => Promise<SystemRecord | null>;
  /** Runs once, after the next write is applied and before it answers: what happens elsewhere while the answer travels. */
  beforeNextAnswer: (() => Promise<void>) | undefined;
  /** Apply the next N writes but lose their answers, as a client that timed out after the system applied them. */
  loseAnswerOfNext = 0;
  unavailableAs: () => UpstreamUnavailableError = () =>
    new UpstreamUnavailableError(`${this.system} answered 503`, { upstream: this.system, reason: 'server-error', upstreamStatus: 503 });

  constructor(
    readonly system: SyncedSystem,
    /** Called with each accepted write: the harness stores it in the system's feed, as a real system echoes it. */
    private readonly onWrite?: (customer: CanonicalCustomer, recordId: string) => void,
  ) {}

  isBlocked(): boolean {
    return this.blocked;
  }

  async write(customer: CanonicalCustomer, recordId: string, expectedVersion: string | null = null): Promise<string | null> {
    this.expectedVersions.push(expectedVersion);
    if (this.breakerOpen) throw new UpstreamUnavailableError('breaker open', { upstream: this.system, reason: 'breaker-open' });
    if (this.unavailableFor.has(recordId)) throw this.unavailableAs();
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new UpstreamUnavailableError('503 from upstream', { upstream: this.system, reason: 'server-error' });
    }
    if (this.reject || this.rejectFor.has(recordId)) throw new UpstreamError('email: not accepted by this system', { upstream: this.system, status: 422 });
    const current = this.recordVersions?.get(recordId) ?? 1;
    if (this.recordVersions && expectedVersion !== null && expectedVersion !== `r${current}`) {
      throw new UpstreamError(`${recordId} is at r${current}, not ${expectedVersion}`, { upstream: this.system, status: 412 });
    }
    this.recordVersions?.set(recordId, current + 1);
    this.written.push({ recordId, version: customer.version, email: customer.email });
    this.onWrite?.(customer, recordId);
    const meanwhile = this.beforeNextAnswer;
    this.beforeNextAnswer = undefined;
    await meanwhile?.();
    if (this.loseAnswerOfNext > 0) {
      this.loseAnswerOfNext -= 1;
      throw new UpstreamUnavailableError(`${this.system} did not answer in time`, { upstream: this.system, reason: 'timeout' });
    }
    return this.recordVersions ? `r${current + 1}` : this.answerVersion(this.written.length);
  }
}

/** Test-only: a {@link MemoryWriter} whose System API takes batches; each item behaves as its single write would. */
export class MemoryBatchWriter extends MemoryWriter {
  /** The size of each batch request, in order. */
  readonly batches: number[] = [];
  /** Fail the next N batch requests as a whole (the System API answered 503 for all of it). */
  failNextBatch = 0;

  async writeMany(writes: readonly TargetWrite[]): Promise<TargetWriteOutcome[]> {
    this.batches.push(writes.length);
    if (this.breakerOpen) throw new UpstreamUnavailableError('breaker open', { upstream: this.system, reason: 'breaker-open' });
    if (this.failNextBatch > 0) {
      this.failNextBatch -= 1;
      throw new UpstreamUnavailableError(`${this.system} answered 503`, { upstream: this.system, reason: 'server-error', upstreamStatus: 503 });
    }
    const outcomes: TargetWriteOutcome[] = [];
    for (const w of writes) {
      try {
        outcomes.push({ ok: true, recordVersion: await this.write(w.customer, w.recordId, w.expectedVersion) });
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }
}
