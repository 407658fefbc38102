import type { CanonicalCustomer, SyncedSystem } from '@strata/contracts-process-customer-sync';
import type { SystemRecord } from '../intake/system-record';

/**
 * One System API as propagation writes to it: an idempotent upsert of the golden record
 * into the record linked to it. Each System API gets an adapter over its typed client
 * (mapping canonical values to its contract); tests use in-memory ones.
 */
export interface TargetWriter {
  readonly system: SyncedSystem;
  /**
   * `expectedVersion`: the record's version as intake last read it (null when the system
   * keeps none). A system that can, refuses the write (412) when its record moved on:
   * the delivery then waits for intake to see that change first.
   * Resolves with the record's version after the write (null when the system keeps
   * none), so the next delivery need not wait for the write's echo to come back
   * through the feed before it can name the right version.
   */
  write(customer: CanonicalCustomer, recordId: string, expectedVersion: string | null): Promise<string | null>;
  /**
   * True while the breaker to this system is open. Deliveries then wait without
   * spending attempts: an outage is not the delivery's fault, and burning retries
   * against it would fill the dead-letter table with perfectly good changes.
   */
  isBlocked(): boolean;
  /**
   * Present when the System API takes many writes in one request: a backlog then costs
   * one request per batch instead of one per customer. Resolves with one outcome per
   * write, in order, each failure being the error {@link write} would have thrown for
   * it; rejects when the batch as a whole failed (every write then failed with that).
   */
  writeMany?(writes: readonly TargetWrite[]): Promise<TargetWriteOutcome[]>;
  /**
   * The record as the system holds it now (null when it is gone), for a delivery
   * refused as stale (412): when the record holds only values customer-sync wrote, the
   * refusal was our own lost answer and its version can be taken at once, without
   * waiting for the write's echo in the feed.
   */
  readRecord?(recordId: string): Promise<SystemRecord | null>;
}

/** One write of a batch: what {@link TargetWriter.write} takes. */
export interface TargetWrite {
  customer: CanonicalCustomer;
  recordId: string;
  expectedVersion: string | null;
}

/** How one write of a batch went: the record's version after it, or why it failed. */
export type TargetWriteOutcome = { ok: true; recordVersion: string | null } | { ok: false; error: unknown };
