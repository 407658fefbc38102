import type { SyncedSystem } from '@strata/contracts-process-customer-sync';
import type { SystemRecord } from '../intake/system-record';

/**
 * One system's record of a customer read live by its id, in canonical terms: what the
 * Customer 360 compares with the golden record. Resolves null when the system no
 * longer has the record; rejects when the system cannot be read (outage, breaker open,
 * timeout). System API adapters read through their typed client; tests use in-memory ones.
 */
export interface SystemReader {
  readonly system: SyncedSystem;
  readRecord(recordId: string): Promise<SystemRecord | null>;
}
