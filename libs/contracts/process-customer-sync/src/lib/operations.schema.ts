import { z } from 'zod';
import { canonicalCustomerSchema, goldenFieldSchema, syncedSystemSchema } from './canonical-customer.schema';

/** A weak match (name, birth date, postal code) waiting for a person's decision. */
export const matchReviewSchema = z
  .object({
    id: z.string(),
    status: z.enum(['open', 'accepted', 'rejected']),
    /** The record that arrived unlinked. */
    candidate: z.object({ system: syncedSystemSchema, id: z.string(), data: z.record(z.string(), z.unknown()) }),
    /** The golden record it may belong to. */
    customerKey: z.string(),
    rule: z.string(),
    score: z.number(),
    createdAt: z.iso.datetime({ offset: true }),
    decidedAt: z.iso.datetime({ offset: true }).nullable(),
    /** Who decided (a staff id passed on by an Experience API); null while open or when nobody was named. */
    decidedBy: z.string().nullable(),
  })
  .meta({ id: 'MatchReview' });

export const reviewDecisionSchema = z.object({
  decision: z.enum(['accept', 'reject']),
  note: z.string().max(500).optional(),
  /** The person deciding, as the calling Experience API knows them (its token's subject). */
  decidedBy: z.string().min(1).max(128).optional(),
});

/** A field on which a system disagrees with its golden record. */
export const mismatchSchema = z.object({ customerKey: z.string(), system: syncedSystemSchema, field: goldenFieldSchema, golden: z.unknown(), actual: z.unknown() });

export const reconciliationReportSchema = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'completed', 'failed']),
    trigger: z.enum(['manual', 'schedule']),
    repair: z.boolean(),
    startedAt: z.iso.datetime({ offset: true }),
    finishedAt: z.iso.datetime({ offset: true }).nullable(),
    goldenRecords: z.number().int(),
    systems: z.array(
      z.object({
        system: syncedSystemSchema,
        records: z.number().int(),
        linked: z.number().int(),
        /** Linked records that agree with the golden record on every field. */
        inSync: z.number().int(),
        mismatched: z.number().int(),
        /** Golden records linked to this system whose record is gone. */
        missing: z.number().int(),
        /** Records in the system linked to no golden record. */
        unlinked: z.number().int(),
        repairsQueued: z.number().int(),
      }),
    ),
    mismatches: z.array(mismatchSchema),
    error: z.string().nullable(),
  })
  .meta({ id: 'ReconciliationReport' });

export const deadLetterSchema = z
  .object({
    id: z.string(),
    target: syncedSystemSchema,
    customerKey: z.string(),
    version: z.number().int(),
    attempts: z.number().int(),
    reason: z.string(),
    failedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'DeadLetter' });

/** The sync's health: feeds, outboxes, dead letters, last errors. */
export const syncHealthSchema = z
  .object({
    sources: z.array(
      z.object({
        system: syncedSystemSchema,
        /** How far behind the source the last applied change was (0 once caught up); null before the first read. */
        lagSeconds: z.number().nullable(),
        consuming: z.boolean(),
        lastReadAt: z.iso.datetime({ offset: true }).nullable(),
        lastError: z.string().nullable(),
      }),
    ),
    targets: z.array(
      z.object({
        system: syncedSystemSchema,
        outboxDepth: z.number().int(),
        /** Deliveries completed since the start: with the depth, what a load test counts writes with. */
        delivered: z.number().int(),
        oldestPendingSeconds: z.number().nullable(),
        deadLetters: z.number().int(),
        breaker: z.enum(['closed', 'open', 'half-open']),
        lastError: z.string().nullable(),
      }),
    ),
    openReviews: z.number().int(),
  })
  .meta({ id: 'SyncHealth' });

export const acceptedChangeSchema = z
  .object({
    customerKey: z.string(),
    /** The golden version this change produced. */
    version: z.number().int(),
    customer: canonicalCustomerSchema,
    /** Where to follow its propagation to every system. */
    statusUrl: z.string(),
  })
  .meta({ id: 'AcceptedChange' });
