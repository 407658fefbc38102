import { z } from 'zod';
import { cursorPageQuerySchema, cursorPageSchema, defineContract } from '@strata/contract-kit';
import { canonicalCustomerSchema, contactChangeSchema, customerKeySchema, syncedSystemSchema } from './canonical-customer.schema';
import { customerSystemsSchema } from './customer-systems.schema';
import { historyEntrySchema, syncStatusSchema } from './history.schema';
import {
  acceptedChangeSchema,
  deadLetterSchema,
  matchReviewSchema,
  reconciliationReportSchema,
  reviewDecisionSchema,
  syncHealthSchema,
} from './operations.schema';

const keyParams = z.object({ customerKey: customerKeySchema });
const idParams = z.object({ id: z.string().min(1).max(64) });

/**
 * The customer-sync Process API: the golden customer record kept in step across
 * Salesforce and the three banking platforms, its history and propagation, match
 * reviews, reconciliation and dead letters. Experience APIs read and change customers
 * only through it.
 */
export const processCustomerSyncContract = defineContract(
  {
    name: 'process-customer-sync',
    title: 'Customer Sync Process API',
    version: '1.0.0',
    description: 'Customer 360: one golden customer record across Salesforce, core banking, the card platform and the loan mainframe.',
  },
  {
    searchCustomers: {
      method: 'get',
      path: '/v1/customers',
      summary: 'Search golden records by name, email, phone or any system id, with cursor pagination',
      tags: ['customers'],
      query: cursorPageQuerySchema.extend({ q: z.string().min(2).max(80).optional() }),
      responses: { 200: cursorPageSchema(canonicalCustomerSchema) },
    },
    getCustomer: {
      method: 'get',
      path: '/v1/customers/:customerKey',
      summary: 'Read a golden record (ETag carries its version)',
      tags: ['customers'],
      params: keyParams,
      responses: { 200: canonicalCustomerSchema },
    },
    getCustomerBySystemId: {
      method: 'get',
      path: '/v1/customers/by-system/:system/:id',
      summary: "Read the golden record linked to one system's record",
      tags: ['customers'],
      params: z.object({ system: syncedSystemSchema, id: z.string().min(1).max(64) }),
      responses: { 200: canonicalCustomerSchema },
    },
    changeContactDetails: {
      method: 'patch',
      path: '/v1/customers/:customerKey',
      summary: 'Change contact details; If-Match must carry the current version; propagates to every linked system',
      tags: ['customers'],
      params: keyParams,
      headers: z.object({ 'if-match': z.string().min(1).max(64), 'idempotency-key': z.string().min(8).max(128).optional() }),
      body: contactChangeSchema,
      responses: { 202: acceptedChangeSchema },
    },
    getCustomerHistory: {
      method: 'get',
      path: '/v1/customers/:customerKey/history',
      summary: 'Every version of a golden record: what changed, from which system, which rule decided',
      tags: ['customers'],
      params: keyParams,
      query: cursorPageQuerySchema,
      responses: { 200: cursorPageSchema(historyEntrySchema) },
    },
    getCustomerSystems: {
      method: 'get',
      path: '/v1/customers/:customerKey/systems',
      summary: "Each linked system's own record, read live, and how it differs from the golden record; a system that cannot be read is reported unavailable, the others still answer",
      tags: ['customers'],
      params: keyParams,
      responses: { 200: customerSystemsSchema },
    },
    getCustomerSyncStatus: {
      method: 'get',
      path: '/v1/customers/:customerKey/sync-status',
      summary: "Where the golden record's latest version stands in each system",
      tags: ['customers'],
      params: keyParams,
      responses: { 200: syncStatusSchema },
    },
    listReviews: {
      method: 'get',
      path: '/v1/reviews',
      summary: 'Match candidates waiting for a decision (or decided ones)',
      tags: ['reviews'],
      query: cursorPageQuerySchema.extend({ status: z.enum(['open', 'accepted', 'rejected']).default('open') }),
      responses: { 200: cursorPageSchema(matchReviewSchema) },
    },
    decideReview: {
      method: 'post',
      path: '/v1/reviews/:id/decision',
      summary: 'Accept (link and merge) or reject (keep apart) a match candidate',
      tags: ['reviews'],
      params: idParams,
      body: reviewDecisionSchema,
      responses: { 200: matchReviewSchema },
    },
    startReconciliation: {
      method: 'post',
      path: '/v1/reconciliations',
      summary: 'Compare every system with the golden records; with repair, queue the fixes',
      tags: ['reconciliation'],
      body: z.object({ repair: z.boolean().default(false) }),
      responses: { 202: reconciliationReportSchema },
    },
    listReconciliations: {
      method: 'get',
      path: '/v1/reconciliations',
      summary: 'Reconciliation reports, newest first',
      tags: ['reconciliation'],
      query: cursorPageQuerySchema,
      responses: { 200: cursorPageSchema(reconciliationReportSchema) },
    },
    getReconciliation: {
      method: 'get',
      path: '/v1/reconciliations/:id',
      summary: 'One reconciliation report',
      tags: ['reconciliation'],
      params: idParams,
      responses: { 200: reconciliationReportSchema },
    },
    listDeadLetters: {
      method: 'get',
      path: '/v1/dead-letters',
      summary: 'Deliveries that failed every attempt, with their reason',
      tags: ['operations'],
      query: cursorPageQuerySchema.extend({ target: syncedSystemSchema.optional() }),
      responses: { 200: cursorPageSchema(deadLetterSchema) },
    },
    replayDeadLetter: {
      method: 'post',
      path: '/v1/dead-letters/:id/replay',
      summary: 'Queue a dead letter for delivery again (of the current golden version)',
      tags: ['operations'],
      params: idParams,
      responses: { 202: deadLetterSchema },
      idempotent: true,
    },
    getSyncHealth: {
      method: 'get',
      path: '/v1/status',
      summary: 'Lag per source feed, outbox depth and dead letters per target, last error per system',
      tags: ['operations'],
      responses: { 200: syncHealthSchema },
    },
  },
);

export type ProcessCustomerSyncContract = typeof processCustomerSyncContract;
