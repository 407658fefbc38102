import type { CoreBankingBatchUpdateItem, CoreBankingBatchUpdateOutcome } from '@strata/contracts-system-core-banking';
import { DeadlineExceededError, UpstreamUnavailableError } from '@strata/errors';
import { toProblem } from '@strata/service-kit';
import { updateById, type UpsertDeps } from './upsert-by-key';

/**
 * Parties updated side by side within one batch. The bank's own capacity bounds it, not
 * the batch: a batch of 100 must not become 100 simultaneous read-and-replace pairs.
 */
export const BATCH_CONCURRENCY = 8;

/**
 * Applies a batch of updates, each exactly as `PUT /v1/customers/:id` would (the same
 * read-merge-If-Match loop, the same errors), and answers each item in request order
 * with the status, result or problem that call would have answered. Items are
 * independent: a 412 or 404 on one leaves the others applied.
 *
 * When the bank was unavailable for every item (down, breaker open, out of time), the
 * batch throws that failure instead, so the whole request answers 503/504 with
 * Retry-After: a caller's breaker then sees the outage as it would on single calls,
 * rather than a stream of 200s each full of failures.
 */
export async function updateBatch(deps: UpsertDeps, items: CoreBankingBatchUpdateItem[], correlationId?: string): Promise<CoreBankingBatchUpdateOutcome[]> {
  const outcomes: CoreBankingBatchUpdateOutcome[] = new Array(items.length);
  const failures: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index] as CoreBankingBatchUpdateItem;
      try {
        const result = await updateById(deps, item.id, item.update, expectedVersion(item.ifMatch));
        outcomes[index] = { id: item.id, status: 200, result };
      } catch (error) {
        failures.push(error);
        outcomes[index] = failedItem(deps, item.id, error, correlationId);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, items.length) }, worker));
  if (failures.length === items.length && failures.every(isUnavailable)) throw failures[0];
  return outcomes;
}

function expectedVersion(ifMatch: string | undefined): number | undefined {
  return ifMatch === undefined ? undefined : Number(ifMatch.replace(/\D/g, ''));
}

function isUnavailable(error: unknown): boolean {
  return error instanceof UpstreamUnavailableError || error instanceof DeadlineExceededError;
}

/** The item's problem, as the error middleware would have written it for the single call; faults of this API are logged as there. */
function failedItem(deps: UpsertDeps, id: string, error: unknown, correlationId: string | undefined): CoreBankingBatchUpdateOutcome {
  const problem = toProblem(error, { instance: `/v1/customers/${id}`, correlationId, exposeInternals: false });
  if (problem.isServerFault) deps.logger.error('unhandled error in a batch item', { error, partyId: id });
  return { id, status: problem.status, problem: problem.body };
}
