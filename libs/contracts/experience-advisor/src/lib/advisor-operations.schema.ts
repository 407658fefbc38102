import { z } from 'zod';
import { advisorSystemSchema } from './advisor-customer.schema';

const at = () => z.iso.datetime({ offset: true });

/** One system's sync health in one row: its feed into the golden records and its outbox out of them. */
export const systemHealthSchema = z
  .object({
    system: advisorSystemSchema,
    /** Seconds the last applied change lagged behind the system; null before the first read. */
    feedLagSeconds: z.number().nullable(),
    feedConsuming: z.boolean(),
    lastReadAt: at().nullable(),
    outboxDepth: z.number().int(),
    oldestPendingSeconds: z.number().nullable(),
    deadLetters: z.number().int(),
    breaker: z.enum(['closed', 'open', 'half-open']),
    /** The latest error of the feed or of deliveries, whichever is set (deliveries first). */
    lastError: z.string().nullable(),
  })
  .meta({ id: 'SystemHealth' });

export const syncHealthViewSchema = z
  .object({
    /** True when no breaker is open, nothing is dead-lettered and no feed reports an error. */
    healthy: z.boolean(),
    systems: z.array(systemHealthSchema),
    openReviews: z.number().int(),
  })
  .meta({ id: 'AdvisorSyncHealth' });
export type SyncHealthView = z.infer<typeof syncHealthViewSchema>;

export const advisorReconciliationSchema = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'completed', 'failed']),
    trigger: z.enum(['manual', 'schedule']),
    repair: z.boolean(),
    startedAt: at(),
    finishedAt: at().nullable(),
    goldenRecords: z.number().int(),
    systems: z.array(
      z.object({
        system: advisorSystemSchema,
        records: z.number().int(),
        linked: z.number().int(),
        inSync: z.number().int(),
        mismatched: z.number().int(),
        missing: z.number().int(),
        unlinked: z.number().int(),
        repairsQueued: z.number().int(),
      }),
    ),
    mismatches: z.array(z.object({ customerKey: z.string(), system: advisorSystemSchema, field: z.string(), golden: z.unknown(), actual: z.unknown() })),
    error: z.string().nullable(),
  })
  .meta({ id: 'AdvisorReconciliation' });

export const advisorReviewSchema = z
  .object({
    id: z.string(),
    status: z.enum(['open', 'accepted', 'rejected']),
    candidate: z.object({ system: advisorSystemSchema, id: z.string(), data: z.record(z.string(), z.unknown()) }),
    customerKey: z.string(),
    rule: z.string(),
    score: z.number(),
    createdAt: at(),
    decidedAt: at().nullable(),
    /** The staff member who decided (their token's subject). */
    decidedBy: z.string().nullable(),
  })
  .meta({ id: 'AdvisorReview' });

export const advisorReviewDecisionSchema = z
  .object({ decision: z.enum(['accept', 'reject']), note: z.string().max(500).optional() })
  .meta({ id: 'AdvisorReviewDecision' });

/** What staff can be seen doing with a customer's data. */
export const auditActionSchema = z.enum(['customer-360-viewed', 'history-read', 'review-decided']);
export type AuditAction = z.infer<typeof auditActionSchema>;

/** One audit line: who (staff id and calling app) did what with which customer, under which correlation id. */
export const auditEventSchema = z
  .object({
    id: z.string(),
    at: at(),
    staffId: z.string(),
    clientId: z.string(),
    customerKey: z.string(),
    action: auditActionSchema,
    correlationId: z.string(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof auditEventSchema>;
