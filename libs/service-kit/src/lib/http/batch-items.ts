import type { Problem } from '@strata/contract-kit';
import { DeadlineExceededError, UpstreamUnavailableError } from '@strata/errors';
import type { Logger } from '@strata/logging';
import { toProblem } from './problem';

/** How one item of a batch went: the single call's status with its result, or its status and problem. */
export type ItemOutcome<Result> = { id: string; status: 200; result: Result } | { id: string; status: number; problem: Problem };

export interface EachItemOptions<Item, Result> {
  /** Items applied side by side: the backend's capacity bounds it, not the batch size. */
  concurrency: number;
  /** What the single route would do with the item; its errors become the item's problem. */
  apply: (item: Item) => Promise<Result>;
  /** The single route's path for the item: the problem's `instance`. */
  instanceOf: (item: Item) => string;
  logger: Logger;
  correlationId?: string;
}

/**
 * Applies each item of a batch as its single route would and answers each, in order,
 * with that route's status and result or problem: items are independent, so a failure
 * on one leaves the others applied. When the backend was unavailable for every item
 * (down, breaker open, out of time) this throws that failure instead, so the whole
 * request answers 503/504 with Retry-After and a caller's breaker sees the outage as it
 * would on single calls, rather than a 200 full of failures.
 */
export async function applyEachItem<Item extends { id: string }, Result>(items: readonly Item[], options: EachItemOptions<Item, Result>): Promise<ItemOutcome<Result>[]> {
  const outcomes: ItemOutcome<Result>[] = new Array(items.length);
  const failures: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index] as Item;
      try {
        outcomes[index] = { id: item.id, status: 200, result: await options.apply(item) };
      } catch (error) {
        failures.push(error);
        const problem = toProblem(error, { instance: options.instanceOf(item), correlationId: options.correlationId, exposeInternals: false });
        if (problem.isServerFault) options.logger.error('unhandled error in a batch item', { error, id: item.id });
        outcomes[index] = { id: item.id, status: problem.status, problem: problem.body };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, items.length) }, worker));
  if (failures.length === items.length && failures.every(isUnavailable)) throw failures[0];
  return outcomes;
}

function isUnavailable(error: unknown): boolean {
  return error instanceof UpstreamUnavailableError || error instanceof DeadlineExceededError;
}
