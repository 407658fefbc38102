import type { SyncedSystem } from '@strata/contracts-process-customer-sync';
import type { SystemRecord } from './system-record';

/** One change as every System API's feed serves it (the shared change-feed envelope). */
export interface SourceChange<T = unknown> {
  cursor: string;
  changeType: 'created' | 'updated' | 'deleted' | 'undeleted' | 'resync';
  entityType: string;
  entityId: string;
  occurredAt: string;
  origin: { self: boolean; client: string | null };
  changedFields: string[];
  data: T | null;
}

/** A page of a feed: its changes, and the cursor after them. */
export interface SourcePage<T = unknown> {
  changes: SourceChange<T>[];
  nextCursor: string;
}

/**
 * One System API's change feed as intake reads it: pages after a cursor (long polled),
 * and the mapping of that system's customer to canonical values. Each System API gets
 * an adapter over its typed contract client; tests use in-memory ones.
 */
export interface SourceFeed<T = unknown> {
  readonly system: SyncedSystem;
  read(after: string | undefined, waitMs: number): Promise<SourcePage<T>>;
  /** The record in canonical terms; null for entities that are not customers. */
  toRecord(change: SourceChange<T>): SystemRecord | null;
}
