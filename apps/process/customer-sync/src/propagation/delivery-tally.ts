import { FAILURE_KINDS, type FailureKind } from './delivery-pacing';

/** One target's counts since this replica started. */
export interface DeliveryCounts {
  /** Write requests sent (one per batch, or per delivery for targets without batches). */
  requests: number;
  /** Deliveries those requests carried: deliveries / requests is the batch size achieved. */
  deliveries: number;
  /** Deliveries not accepted, per reason. */
  failures: Record<FailureKind, number>;
}

/**
 * What one dispatcher sent and how it went, for `/metrics`. Failures by kind tell an
 * operator what a growing outbox is waiting for: an outage, a quota, or 412s, which
 * mean links whose record version customer-sync has not learnt yet and should fall
 * back to zero as the feeds catch up.
 */
export class DeliveryTally {
  private readonly counts: DeliveryCounts = { requests: 0, deliveries: 0, failures: Object.fromEntries(FAILURE_KINDS.map((kind) => [kind, 0])) as Record<FailureKind, number> };

  sent(deliveries: number): void {
    this.counts.requests += 1;
    this.counts.deliveries += deliveries;
  }

  failed(kind: FailureKind): void {
    this.counts.failures[kind] += 1;
  }

  snapshot(): DeliveryCounts {
    return { ...this.counts, failures: { ...this.counts.failures } };
  }
}
