import type { CanonicalCustomer, SyncedSystem } from '@strata/contracts-process-customer-sync';

/**
 * One System API as propagation writes to it: an idempotent upsert of the golden record
 * into the record linked to it. Each System API gets an adapter over its typed client
 * (mapping canonical values to its contract); tests use in-memory ones.
 */
export interface TargetWriter {
  readonly system: SyncedSystem;
  write(customer: CanonicalCustomer, recordId: string): Promise<void>;
  /**
   * True while the breaker to this system is open. Deliveries then wait without
   * spending attempts: an outage is not the delivery's fault, and burning retries
   * against it would fill the dead-letter table with perfectly good changes.
   */
  isBlocked(): boolean;
}
