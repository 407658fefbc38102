import { z } from 'zod';
import { fieldSourceSchema, goldenFieldSchema, syncedSystemSchema, valueSourceSchema } from './canonical-customer.schema';

/** One golden-record version: what changed, from which system, and which rule decided. */
export const historyEntrySchema = z
  .object({
    version: z.number().int(),
    at: z.iso.datetime({ offset: true }),
    /** The system whose change led here, or `api` for a change made through this API. */
    cause: z.union([valueSourceSchema, z.literal('review')]),
    changes: z.array(
      z.object({
        field: goldenFieldSchema,
        from: z.unknown(),
        to: z.unknown(),
        source: fieldSourceSchema,
      }),
    ),
    /** Candidate values that lost, with the rule that set them aside: conflicts stay visible. */
    rejected: z.array(z.object({ field: goldenFieldSchema, value: z.unknown(), system: valueSourceSchema, rule: z.string() })),
  })
  .meta({ id: 'HistoryEntry' });

/** Where the golden record's latest version stands in each linked system. */
export const propagationStateSchema = z.enum(['in-sync', 'pending', 'retrying', 'waiting-for-system', 'dead-lettered', 'not-linked']);

export const syncStatusSchema = z
  .object({
    customerKey: z.string(),
    version: z.number().int(),
    systems: z.array(
      z.object({
        system: syncedSystemSchema,
        state: propagationStateSchema,
        /** The golden version this system last confirmed. */
        deliveredVersion: z.number().int().nullable(),
        attempts: z.number().int(),
        lastError: z.string().nullable(),
        updatedAt: z.iso.datetime({ offset: true }).nullable(),
      }),
    ),
  })
  .meta({ id: 'CustomerSyncStatus' });
