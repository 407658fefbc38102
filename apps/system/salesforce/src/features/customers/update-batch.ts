import type { SalesforceBatchUpdateItem, SalesforceBatchUpdateOutcome } from '@strata/contracts-system-salesforce';
import { NotFoundError } from '@strata/errors';
import type { Logger } from '@strata/logging';
import { applyEachItem, toProblem } from '@strata/service-kit';
import { versionOfIfMatch } from '../../salesforce/contact-version';
import type { CustomersService } from './customers.service';

/**
 * Contacts written side by side within one batch. The org's capacity and the API
 * allowance bound it, not the batch: 100 items must not become 100 concurrent calls.
 */
export const BATCH_CONCURRENCY = 8;

/** What a batch needs besides the items. */
export interface UpdateBatchDeps {
  customers: CustomersService;
  logger: Logger;
}

const instanceOf = (item: { id: string }) => `/v1/customers/${item.id}`;
const noSuchContact = () => new NotFoundError('No such customer in Salesforce');

/**
 * Applies a batch of updates, each as `PUT /v1/customers/:id` would (the same version
 * check, the same If-Unmodified-Since write, the same errors), answering each item in
 * request order. The single update reads the contact before and after its write, two
 * queries per contact; a batch makes one query for all of them before and one after,
 * so a batch of n costs the org n + 2 calls instead of 3n.
 *
 * The whole batch fails as 503/504 when the org is unavailable for the first read, for
 * every write, or for the read after: writes already made then stand, and the caller's
 * retry of such an item answers 412 (its version moved), as a retried single update
 * whose answer was lost would.
 */
export async function updateBatch(deps: UpdateBatchDeps, items: SalesforceBatchUpdateItem[], correlationId?: string): Promise<SalesforceBatchUpdateOutcome[]> {
  const { customers, logger } = deps;
  const before = await customers.byIds(items.map((item) => item.id));
  const written = await applyEachItem(items, {
    concurrency: BATCH_CONCURRENCY,
    apply: async (item) => {
      const existing = before.get(item.id);
      if (!existing) throw noSuchContact();
      const { customerKey, ...input } = item.update;
      await customers.writeOver(existing, input, customerKey, item.ifMatch === undefined ? undefined : versionOfIfMatch(item.ifMatch));
      return existing.id;
    },
    instanceOf,
    logger,
    correlationId,
  });
  const writtenIds = written.flatMap((outcome) => ('result' in outcome ? [outcome.result] : []));
  const after = await customers.byIds(writtenIds);
  return written.map((outcome) => {
    if (!('result' in outcome)) return outcome;
    const customer = after.get(outcome.result);
    if (customer) return { id: outcome.id, status: 200, result: { id: customer.id, created: false, customer } };
    // Deleted between its write and the read after: 404, as the single update's read would answer.
    const { status, body } = toProblem(noSuchContact(), { instance: instanceOf(outcome), correlationId, exposeInternals: false });
    return { id: outcome.id, status, problem: body };
  });
}
