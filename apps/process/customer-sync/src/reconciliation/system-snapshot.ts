import type { SyncedSystem } from '@strata/contracts-process-customer-sync';
import type { SystemRecord } from '../intake/system-record';

/**
 * Every customer record one system holds, in canonical terms: what reconciliation
 * compares with the golden records. Each System API's adapter pages through its list
 * route; tests use in-memory ones.
 */
export interface SystemSnapshot {
  readonly system: SyncedSystem;
  records(): AsyncIterable<SystemRecord>;
}
