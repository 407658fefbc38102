import type { SyncedSystem } from '@strata/contracts-process-customer-sync';
import { UpstreamUnavailableError } from '@strata/errors';
import type { SourceChange, SourceFeed } from '../intake/source-feed';
import type { SystemRecord } from '../intake/system-record';
import type { SystemReader } from '../systems/system-reader';

/** Test-only: what a fake system's customer looks like. */
export interface FakeCustomer {
  key: string | null;
  lastName: string;
  firstName?: string;
  email?: string;
  birthDate?: string;
  postalCode?: string;
  taxIdHash?: string;
}

/** Test-only: a System API's change feed held in memory; cursors are positions in the list. */
export class MemoryFeed implements SourceFeed<FakeCustomer>, SystemReader {
  readonly changes: SourceChange<FakeCustomer>[] = [];
  reads = 0;
  /** Throw while mapping the change with this entity id (a bug or bad data mid-page). */
  explodeOn: string | undefined;
  /** Live reads fail as behind an open breaker (`down`) or never answer (`hanging`). */
  down = false;
  hanging = false;

  constructor(readonly system: SyncedSystem) {}

  /** A change in this system; `self` marks it as the echo of a write customer-sync made. */
  push(entityId: string, data: FakeCustomer | null, occurredAt = new Date().toISOString(), self = false): void {
    const changeType = data ? 'updated' : 'deleted';
    this.changes.push({ cursor: String(this.changes.length + 1), changeType, entityType: 'customer', entityId, occurredAt, origin: { self, client: null }, changedFields: [], data });
  }

  async read(after: string | undefined, _waitMs: number, limit = 2) {
    this.reads += 1;
    const from = Number(after ?? 0);
    const changes = this.changes.slice(from, from + limit);
    return { changes, nextCursor: changes.at(-1)?.cursor ?? String(from) };
  }

  /** Every entity's latest state, as a system snapshot for reconciliation. */
  snapshot() {
    const latest = () => {
      const byId = new Map<string, SourceChange<FakeCustomer>>();
      for (const change of this.changes) byId.set(change.entityId, change);
      return [...byId.values()].filter((c) => c.data !== null).map((c) => this.toRecord(c));
    };
    return {
      system: this.system,
      async *records() {
        yield* latest();
      },
    };
  }

  /** The record's latest state, as a System API's GET by id would answer it. */
  async readRecord(recordId: string): Promise<SystemRecord | null> {
    if (this.down) throw new UpstreamUnavailableError('breaker open', { upstream: this.system, reason: 'breaker-open' });
    if (this.hanging) return new Promise<never>(() => undefined);
    const latest = this.changes.filter((change) => change.entityId === recordId).at(-1);
    return latest?.data ? this.toRecord(latest) : null;
  }

  toRecord(change: SourceChange<FakeCustomer>): SystemRecord {
    if (change.entityId === this.explodeOn) throw new Error(`cannot map ${change.entityId}`);
    const data = change.data;
    return {
      system: this.system,
      recordId: change.entityId,
      customerKey: data?.key ?? null,
      at: Date.parse(change.occurredAt),
      values: data ? { lastName: data.lastName, firstName: data.firstName ?? null, email: data.email ?? null, birthDate: data.birthDate ?? null } : {},
      match: data ? { email: data.email, birthDate: data.birthDate, firstName: data.firstName, lastName: data.lastName, postalCode: data.postalCode, taxIdHash: data.taxIdHash } : {},
      deleted: data === null,
      echo: change.origin.self,
    };
  }
}
