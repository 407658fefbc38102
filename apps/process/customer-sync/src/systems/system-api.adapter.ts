import type { CanonicalCustomer, SyncedSystem } from '@strata/contracts-process-customer-sync';
import { UpstreamError } from '@strata/errors';
import type { HttpClient } from '@strata/http-client';
import type { BreakerState } from '@strata/service-kit';
import type { SourceChange, SourceFeed } from '../intake/source-feed';
import type { SystemRecord } from '../intake/system-record';
import type { TargetWrite, TargetWriteOutcome, TargetWriter } from '../propagation/target-writer';
import type { SystemSnapshot } from '../reconciliation/system-snapshot';
import type { SystemReader } from './system-reader';
import { countryCode, goldenUpdate, type CommonCustomer, type GoldenUpdate } from './common-customer';

/** One update of a batch: the record, the golden values, the version intake last read. */
export interface BatchedUpdate {
  recordId: string;
  update: GoldenUpdate;
  expectedVersion: string | null;
}

/** How one System API is called and read; everything else is shared. */
export interface SystemBinding<T> {
  system: SyncedSystem;
  /** The client writes go through: its breaker decides whether deliveries wait. */
  writeClient: HttpClient;
  /** Every client of this System API (feed, writes, live reads): their breakers show on `/health/ready`. */
  clients: readonly HttpClient[];
  listChanges(after: string | undefined, waitMs: number): Promise<{ changes: SourceChange<T>[]; nextCursor: string }>;
  listPage(after: string | undefined): Promise<{ items: T[]; nextCursor: string | null }>;
  /** One record by the system's own id (the Customer 360 reads it live). */
  getById(recordId: string): Promise<T>;
  /** Writes the golden values; resolves with the record's version after the write (null when the system keeps none). */
  update(recordId: string, update: GoldenUpdate, expectedVersion: string | null): Promise<string | null>;
  /**
   * Several updates in one request, for System APIs with a batch route: one outcome per
   * item, in order, a failed item as the error {@link update} would have thrown for it.
   */
  updateMany?(items: readonly BatchedUpdate[]): Promise<TargetWriteOutcome[]>;
  view(customer: T): CommonCustomer;
  /** The record's version, for systems that keep one (optimistic concurrency on writes). */
  version?(customer: T): string | null;
}

/**
 * One System API as customer-sync uses it: its change feed (intake), its update route
 * (propagation) and its list route (reconciliation), all through its typed contract
 * client, with the system's customer turned into canonical values in one place.
 */
export class SystemApiAdapter<T> implements SourceFeed<T>, TargetWriter, SystemSnapshot, SystemReader {
  readonly system: SyncedSystem;

  /** Present only when the System API has a batch route (see {@link TargetWriter.writeMany}). */
  readonly writeMany?: (writes: readonly TargetWrite[]) => Promise<TargetWriteOutcome[]>;

  constructor(private readonly binding: SystemBinding<T>) {
    this.system = binding.system;
    const updateMany = binding.updateMany;
    if (updateMany) {
      this.writeMany = (writes) => updateMany(writes.map((w) => ({ recordId: w.recordId, update: goldenUpdate(w.customer), expectedVersion: w.expectedVersion })));
    }
  }

  read(after: string | undefined, waitMs: number) {
    return this.binding.listChanges(after, waitMs);
  }

  toRecord(change: SourceChange<T>): SystemRecord | null {
    const at = Date.parse(change.occurredAt);
    if (change.changeType === 'deleted') {
      return { system: this.system, recordId: change.entityId, customerKey: null, at, values: {}, match: {}, deleted: true, echo: change.origin.self };
    }
    if (change.entityType !== 'customer' || change.data === null) return null;
    return { ...this.fromCustomer(change.data, at), echo: change.origin.self };
  }

  write(customer: CanonicalCustomer, recordId: string, expectedVersion: string | null): Promise<string | null> {
    return this.binding.update(recordId, goldenUpdate(customer), expectedVersion);
  }

  isBlocked(): boolean {
    return this.binding.writeClient.snapshot().state === 'open';
  }

  /** The breakers towards this System API, for readiness: an open one makes customer-sync "degraded", not down. */
  breakers(): BreakerState[] {
    return this.binding.clients.map((client) => {
      const { name, state } = client.snapshot();
      return { name, state };
    });
  }

  async *records(): AsyncIterable<SystemRecord> {
    let after: string | undefined;
    do {
      const page = await this.binding.listPage(after);
      for (const item of page.items) yield this.fromCustomer(item, Date.now());
      after = page.nextCursor ?? undefined;
    } while (after);
  }

  /** The record as the system holds it now; null when the System API answers 404 (the record is gone). */
  async readRecord(recordId: string): Promise<SystemRecord | null> {
    try {
      return this.fromCustomer(await this.binding.getById(recordId), Date.now());
    } catch (error) {
      if (error instanceof UpstreamError && error.upstreamStatus === 404) return null;
      throw error;
    }
  }

  private fromCustomer(customer: T, at: number): SystemRecord {
    const c = this.binding.view(customer);
    const address = { ...c.address, country: countryCode(c.address.country) };
    return {
      system: this.system,
      recordId: c.id,
      customerKey: c.customerKey,
      at,
      values: { firstName: c.firstName, lastName: c.lastName, birthDate: c.birthDate, email: c.email, phone: c.phone, address, status: c.status },
      match: { taxIdHash: c.taxIdHash, email: c.email, birthDate: c.birthDate, firstName: c.firstName, lastName: c.lastName, postalCode: c.address.postalCode },
      version: this.binding.version?.(customer) ?? null,
    };
  }
}
