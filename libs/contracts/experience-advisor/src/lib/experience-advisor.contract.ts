import { z } from 'zod';
import { cursorPageSchema, defineContract } from '@strata/contract-kit';
import { advisorCustomerSummarySchema, advisorHistoryEntrySchema, customer360Schema } from './advisor-customer.schema';
import {
  advisorReconciliationSchema,
  advisorReviewDecisionSchema,
  advisorReviewSchema,
  auditEventSchema,
  syncHealthViewSchema,
} from './advisor-operations.schema';

/**
 * Cursor pagination for the web app: `cursor` is the previous page's `nextCursor`
 * (opaque), `limit` the page size.
 */
export const advisorPageQuerySchema = z.object({
  cursor: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const customerKeySchema = z.string().regex(/^CK-\d{6,}$/, 'a golden key like CK-000123');
const keyParams = z.object({ customerKey: customerKeySchema });
const idParams = z.object({ id: z.string().min(1).max(64) });

/**
 * The advisor Experience API: bank staff search customers, open their Customer 360,
 * watch the sync's health, start reconciliations and decide match reviews. Every route
 * needs the web app's `x-client-id` / `x-client-secret` and the staff member's bearer
 * token (scopes `advisor:read`, `advisor:reconcile`, `advisor:audit`); every view of a
 * customer is recorded in the audit trail before it is answered.
 */
export const experienceAdvisorContract = defineContract(
  {
    name: 'experience-advisor',
    title: 'Advisor Experience API',
    version: '1.0.0',
    description:
      'Customer 360 and sync operations for bank staff. Auth: x-client-id + x-client-secret (the web app) and Authorization: Bearer <JWT> (the staff member; scopes advisor:read, advisor:reconcile, advisor:audit).',
  },
  {
    searchCustomers: {
      method: 'get',
      path: '/v1/customers',
      summary: 'Search customers by name, email, phone or any system id (advisor:read)',
      tags: ['customers'],
      query: advisorPageQuerySchema.extend({ q: z.string().trim().min(2).max(80).optional() }),
      responses: { 200: cursorPageSchema(advisorCustomerSummarySchema) },
    },
    getCustomer360: {
      method: 'get',
      path: '/v1/customers/:customerKey',
      summary: "The Customer 360: golden record, each system's live view and differences, latest history; ETag is the golden version (advisor:read, audited)",
      tags: ['customers'],
      params: keyParams,
      responses: { 200: customer360Schema },
    },
    getCustomerHistory: {
      method: 'get',
      path: '/v1/customers/:customerKey/history',
      summary: 'Every version of the golden record, newest first (advisor:read, audited)',
      tags: ['customers'],
      params: keyParams,
      query: advisorPageQuerySchema,
      responses: { 200: cursorPageSchema(advisorHistoryEntrySchema) },
    },
    getSyncHealth: {
      method: 'get',
      path: '/v1/sync-health',
      summary: 'Per system: feed lag, outbox depth, dead letters, breaker state and last error (advisor:read)',
      tags: ['operations'],
      responses: { 200: syncHealthViewSchema },
    },
    startReconciliation: {
      method: 'post',
      path: '/v1/reconciliations',
      summary: 'Compare every system with the golden records; with repair, queue the fixes (advisor:reconcile)',
      tags: ['reconciliation'],
      body: z.object({ repair: z.boolean().default(false) }),
      responses: { 202: advisorReconciliationSchema },
    },
    listReconciliations: {
      method: 'get',
      path: '/v1/reconciliations',
      summary: 'Reconciliation reports, newest first (advisor:read)',
      tags: ['reconciliation'],
      query: advisorPageQuerySchema,
      responses: { 200: cursorPageSchema(advisorReconciliationSchema) },
    },
    getReconciliation: {
      method: 'get',
      path: '/v1/reconciliations/:id',
      summary: 'One reconciliation report (advisor:read)',
      tags: ['reconciliation'],
      params: idParams,
      responses: { 200: advisorReconciliationSchema },
    },
    listReviews: {
      method: 'get',
      path: '/v1/reviews',
      summary: 'Match candidates waiting for a decision, or decided ones (advisor:read)',
      tags: ['reviews'],
      query: advisorPageQuerySchema.extend({ status: z.enum(['open', 'accepted', 'rejected']).default('open') }),
      responses: { 200: cursorPageSchema(advisorReviewSchema) },
    },
    decideReview: {
      method: 'post',
      path: '/v1/reviews/:id/decision',
      summary: 'Accept (link and merge) or reject a match candidate; the staff member is recorded as the decider (advisor:reconcile, audited)',
      tags: ['reviews'],
      params: idParams,
      body: advisorReviewDecisionSchema,
      responses: { 200: advisorReviewSchema },
    },
    listAuditEvents: {
      method: 'get',
      path: '/v1/audit-events',
      summary: 'Who viewed or acted on which customer, newest first (advisor:audit)',
      tags: ['audit'],
      query: advisorPageQuerySchema.extend({ customerKey: customerKeySchema.optional(), staffId: z.string().min(1).max(128).optional() }),
      responses: { 200: cursorPageSchema(auditEventSchema) },
    },
  },
);

export type ExperienceAdvisorContract = typeof experienceAdvisorContract;
