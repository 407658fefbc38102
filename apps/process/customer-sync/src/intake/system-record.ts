import type { GoldenField, SyncedSystem } from '@strata/contracts-process-customer-sync';
import type { MatchableRecord } from '../matching/match-keys';

/**
 * One system's record of a customer after its System API's feed has been mapped to
 * canonical values: what intake links, matches and feeds into survivorship.
 */
export interface SystemRecord {
  system: SyncedSystem;
  /** The system's own id (Salesforce id, party id, cardholder id, loan account). */
  recordId: string;
  /** The golden key the record carries, when the system stores one. */
  customerKey: string | null;
  /** When the system says the record changed (ms since epoch). */
  at: number;
  values: Partial<Record<GoldenField, unknown>>;
  /** Attributes only matching reads (tax id hash, postcode). */
  match: MatchableRecord;
  /**
   * The system's version of the record as read, when it keeps one (core banking). Kept
   * on the link so a delivery can say "only if still at this version" and never
   * overwrite a change intake has not seen yet.
   */
  version?: string | null;
  /**
   * The change came back from customer-sync's own write (`origin.self`). It still
   * updates the golden record if it carries something new, but it never sends the
   * origin its own values again: systems that store a value their own way (upper-case
   * names) would otherwise be written to forever.
   */
  echo?: boolean;
  /** The system deleted (or deactivated) its record: `values` are then ignored. */
  deleted?: boolean;
}

/**
 * What a delete in one system does to the golden record and so to the others. Never a
 * silent hard delete: `deactivate` (the default) sets the golden status to inactive,
 * which propagates; `ignore` only records it in the history.
 */
export type DeleteAction = 'deactivate' | 'ignore';

/** What intake did with a record. */
export type IntakeResult =
  | { outcome: 'applied'; customerKey: string; version: number; changedFields: GoldenField[]; targets: SyncedSystem[] }
  | {
      outcome: 'unchanged';
      customerKey: string | null;
      /** Our own write came back holding values no golden version had (the fields, never their values): its version was not taken. */
      echoNotAdopted?: { system: SyncedSystem; recordId: string; differingFields: GoldenField[] };
    }
  | { outcome: 'review'; customerKey: string; reviewId: number };
