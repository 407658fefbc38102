import type { CanonicalCustomer, SyncedSystem } from '@strata/contracts-process-customer-sync';
import { UpstreamError, UpstreamUnavailableError } from '@strata/errors';
import type { TargetWriter } from '../propagation/target-writer';

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
  /** Answer like a client whose breaker just opened. */
  breakerOpen = false;
  /** Fail every write to these records as the target being unavailable (e.g. a 503 from a System API whose backend is down). */
  readonly unavailableFor = new Set<string>();
  /** How the unavailable records fail. */
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
    if (this.reject) throw new UpstreamError('email: not accepted by this system', { upstream: this.system, status: 422 });
    this.written.push({ recordId, version: customer.version, email: customer.email });
    this.onWrite?.(customer, recordId);
    return this.answerVersion(this.written.length);
  }
}
