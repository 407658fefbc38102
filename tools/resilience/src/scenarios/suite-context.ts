import type { TimedAnswer } from '../chain/edge-calls';
import type { FaultChain } from '../chain/fault-chain';

/** Settings the suite starts the chain with, which the scenarios' expectations depend on. */
export const SUITE_SETTINGS = {
  /**
   * Mobile's breaker on customer-sync stays open this long before a probe: the default,
   * which also keeps the hanging-backend test's few hundred timed requests inside one
   * open period (a probe would wait for the blackhole).
   */
  mobileResetMs: 5000,
  /** The System API's breaker on the bank stays open this long before a probe. */
  systemResetMs: 3000,
  /** Mobile's bulkhead on customer-sync. */
  mobileBulkhead: 8,
  /** customer-sync's bulkhead on live reads of one System API. */
  readBulkhead: 4,
  /**
   * customer-sync's delivery retries, tight on purpose: a delivery whose failures all
   * counted would be a dead letter after 3 attempts, 0.1 + 0.2 s apart. An outage must
   * not spend them: it holds the delivery for `outageRetryMs` each time instead.
   */
  outboxMaxAttempts: 3,
  outboxRetryBaseMs: 100,
  outageRetryMs: 500,
  /** The breaker names the apps report in `/health/ready`. */
  syncBreaker: 'process-customer-sync',
  bankBreaker: 'core-banking',
} as const;

/** What every scenario works with: the running chain, its customer, and the two read routes. */
export interface SuiteContext {
  chain: FaultChain;
  customerKey: string;
  /** The customer's party id in core banking. */
  partyId: string;
  /** `GET /v1/me` at the mobile API as the customer: the edge of mobile -> customer-sync. */
  me(): Promise<TimedAnswer>;
  /** `PATCH /v1/me` with a new phone, after reading the current ETag. */
  changePhone(phone: string): Promise<TimedAnswer>;
  /** customer-sync's live read of the customer's systems (the Customer 360's middle): customer-sync -> System API -> bank. */
  systems(): Promise<TimedAnswer>;
}

/** Scenarios register their tests with a getter, since the context exists only once beforeAll ran. */
export type Scenarios = (context: () => SuiteContext) => void;
