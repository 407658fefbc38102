import type { CardPlatformBatchUpdateOutcome, batchUpdateSchema } from '@strata/contracts-system-card-platform';
import type { Logger } from '@strata/logging';
import { applyEachItem } from '@strata/service-kit';
import type { z } from 'zod';
import type { CustomersService } from './customers.service';

/** Cardholders updated side by side within one batch: the SOAP platform's capacity bounds it, not the batch. */
export const BATCH_CONCURRENCY = 8;

type BatchItem = z.output<typeof batchUpdateSchema>['items'][number];

/**
 * Applies a batch of updates, each exactly as `PUT /v1/customers/:id` would (read,
 * compare with If-Match, upsert), answering each item in request order; the whole
 * batch fails as 503/504 only when the platform was unavailable for every item.
 */
export function updateBatch(service: CustomersService, logger: Logger, items: BatchItem[], correlationId?: string): Promise<CardPlatformBatchUpdateOutcome[]> {
  return applyEachItem(items, {
    concurrency: BATCH_CONCURRENCY,
    apply: (item) => service.update(item.id, item.update, versionOf(item.ifMatch)),
    instanceOf: (item) => `/v1/customers/${item.id}`,
    logger,
    correlationId,
  });
}

/** `W/"abc…"` or `"abc…"` → `abc…`: the version as the service compares it. */
export function versionOf(ifMatch: string | undefined): string | undefined {
  return ifMatch?.replace(/^W\//, '').replace(/"/g, '');
}
