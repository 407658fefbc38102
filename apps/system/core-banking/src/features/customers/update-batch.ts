import type { CoreBankingBatchUpdateItem, CoreBankingBatchUpdateOutcome } from '@strata/contracts-system-core-banking';
import { applyEachItem } from '@strata/service-kit';
import { updateById, type UpsertDeps } from './upsert-by-key';

/**
 * Parties updated side by side within one batch. The bank's own capacity bounds it, not
 * the batch: a batch of 100 must not become 100 simultaneous read-and-replace pairs.
 */
export const BATCH_CONCURRENCY = 8;

/**
 * Applies a batch of updates, each exactly as `PUT /v1/customers/:id` would (the same
 * read-merge-If-Match loop, the same errors), answering each item in request order;
 * the whole batch fails as 503/504 only when the bank was unavailable for every item.
 */
export function updateBatch(deps: UpsertDeps, items: CoreBankingBatchUpdateItem[], correlationId?: string): Promise<CoreBankingBatchUpdateOutcome[]> {
  return applyEachItem(items, {
    concurrency: BATCH_CONCURRENCY,
    apply: (item) => updateById(deps, item.id, item.update, expectedVersion(item.ifMatch)),
    instanceOf: (item) => `/v1/customers/${item.id}`,
    logger: deps.logger,
    correlationId,
  });
}

function expectedVersion(ifMatch: string | undefined): number | undefined {
  return ifMatch === undefined ? undefined : Number(ifMatch.replace(/\D/g, ''));
}
