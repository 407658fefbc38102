import type { SyncedSystem } from '@strata/contracts-process-customer-sync';
import type { SourceChange, SourceFeed } from '../intake/source-feed';
import type { SystemRecord } from '../intake/system-record';

/** Test-only: what a fake system's customer looks like. */
export interface FakeCustomer {
  key: string | null;
  lastName: string;
  email?: string;
}

/** Test-only: a System API's change feed held in memory; cursors are positions in the list. */
export class MemoryFeed implements SourceFeed<FakeCustomer> {
  readonly changes: SourceChange<FakeCustomer>[] = [];
  reads = 0;
  /** Throw while mapping the change with this entity id (a bug or bad data mid-page). */
  explodeOn: string | undefined;

  constructor(readonly system: SyncedSystem) {}

  push(entityId: string, data: FakeCustomer | null, occurredAt = new Date().toISOString()): void {
    const changeType = data ? 'updated' : 'deleted';
    this.changes.push({ cursor: String(this.changes.length + 1), changeType, entityType: 'customer', entityId, occurredAt, origin: { self: false, client: null }, changedFields: [], data });
  }

  async read(after: string | undefined, _waitMs: number, limit = 2) {
    this.reads += 1;
    const from = Number(after ?? 0);
    const changes = this.changes.slice(from, from + limit);
    return { changes, nextCursor: changes.at(-1)?.cursor ?? String(from) };
  }

  toRecord(change: SourceChange<FakeCustomer>): SystemRecord {
    if (change.entityId === this.explodeOn) throw new Error(`cannot map ${change.entityId}`);
    const data = change.data;
    return {
      system: this.system,
      recordId: change.entityId,
      customerKey: data?.key ?? null,
      at: Date.parse(change.occurredAt),
      values: data ? { lastName: data.lastName, email: data.email ?? null } : {},
      match: data?.email ? { email: data.email } : {},
      deleted: data === null,
    };
  }
}
