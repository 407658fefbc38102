import { z } from 'zod';
import { batchBodySchema, changeFeedPageSchema, changeFeedQuerySchema, cursorPageSchema, defineContract, feedStatusSchema, problemSchema } from '@strata/contract-kit';
import { coreBankingCustomerInputSchema, coreBankingCustomerSchema } from './customer.schema';

/** The bank's party id: `P` and nine digits. */
export const PARTY_ID_PATTERN = /^P\d{9}$/;
/** The golden key as Strata issues it. */
export const CUSTOMER_KEY_PATTERN = /^CK-[A-Z0-9-]{1,17}$/;

/** An update by party id: the input, plus the golden key to stamp on the party when it has none or another. */
export const coreBankingCustomerUpdateSchema = coreBankingCustomerInputSchema
  .extend({ customerKey: z.string().regex(CUSTOMER_KEY_PATTERN, 'a golden key like CK-000001') })
  .partial()
  .meta({ id: 'CoreBankingCustomerUpdate' });

export type CoreBankingCustomerUpdate = z.infer<typeof coreBankingCustomerUpdateSchema>;

/** A party version as `If-Match` carries it: `"7"`, `7` or `W/"7"`. */
const VERSION_TAG = /^(W\/)?"?\d+"?$/;

const idParams = z.object({ id: z.string().regex(PARTY_ID_PATTERN, 'a party id: P and nine digits') });
const keyParams = z.object({ customerKey: z.string().regex(CUSTOMER_KEY_PATTERN, 'a golden key like CK-000001') });

/** The result of one upsert: which party, whether it was created, and its state after. */
export const coreBankingUpsertResultSchema = z
  .object({ id: z.string(), created: z.boolean(), customer: coreBankingCustomerSchema })
  .meta({ id: 'CoreBankingUpsertResult' });

/** Most updates one batch may carry: a page of a Process API's outbox, small enough to answer well within a deadline. */
export const MAX_BATCH_UPDATES = 100;

/** One update of a batch: the party, the version the caller last read (as `If-Match` would carry it), and the fields. */
export const coreBankingBatchUpdateItemSchema = z
  .object({
    id: z.string().regex(PARTY_ID_PATTERN, 'a party id: P and nine digits'),
    ifMatch: z.string().regex(VERSION_TAG, 'the customer `version` last read, like "7"').optional().describe('Update only if the party is still at this version (that item answers 412 otherwise)'),
    update: coreBankingCustomerUpdateSchema,
  })
  .meta({ id: 'CoreBankingBatchUpdateItem' });

export type CoreBankingBatchUpdateItem = z.infer<typeof coreBankingBatchUpdateItemSchema>;

/** A batch of updates; each party at most once, since two updates of one party in one batch would race each other. */
export const coreBankingBatchUpdateSchema = batchBodySchema(coreBankingBatchUpdateItemSchema, MAX_BATCH_UPDATES, 'party')
  .meta({ id: 'CoreBankingBatchUpdate' });

/**
 * How one item of a batch went: the status the single update (`PUT /v1/customers/:id`)
 * would have answered, with its result or its problem, so a caller handles a failed item
 * exactly as it would that call.
 */
export const coreBankingBatchUpdateOutcomeSchema = z
  .object({
    id: z.string(),
    status: z.number().int(),
    result: coreBankingUpsertResultSchema.optional(),
    problem: problemSchema.optional(),
  })
  .meta({ id: 'CoreBankingBatchUpdateOutcome' });

export type CoreBankingBatchUpdateOutcome = z.infer<typeof coreBankingBatchUpdateOutcomeSchema>;

/**
 * The core-banking System API: parties as clean customer JSON, found by party id or
 * golden key, listed oldest change first with cursor pagination, upserted idempotently
 * by golden key (optimistic concurrency handled inside), and the standard change feed
 * derived by polling the bank's `modifiedSince` listing.
 */
export const systemCoreBankingContract = defineContract(
  {
    name: 'system-core-banking',
    title: 'Core Banking System API',
    version: '1.0.0',
    description: 'Unlocks core-banking parties: clean customer JSON, idempotent upserts by golden key and a polled change feed.',
  },
  {
    listCustomers: {
      method: 'get',
      path: '/v1/customers',
      summary: 'List customers in order of their last change (oldest first), with cursor pagination',
      tags: ['customers'],
      query: z.object({
        after: z.string().min(1).max(512).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
        modifiedSince: z.iso.datetime({ offset: true }).optional().describe('Only customers changed at or after this instant'),
      }),
      responses: { 200: cursorPageSchema(coreBankingCustomerSchema) },
    },
    getCustomer: {
      method: 'get',
      path: '/v1/customers/:id',
      summary: 'Read a customer by party id',
      tags: ['customers'],
      params: idParams,
      responses: { 200: coreBankingCustomerSchema },
    },
    getCustomerByKey: {
      method: 'get',
      path: '/v1/customers/by-key/:customerKey',
      summary: 'Read a customer by golden key',
      tags: ['customers'],
      params: keyParams,
      responses: { 200: coreBankingCustomerSchema },
    },
    upsertCustomerByKey: {
      method: 'put',
      path: '/v1/customers/by-key/:customerKey',
      summary: 'Create or update a customer by golden key (idempotent; 201 created, 200 updated)',
      tags: ['customers'],
      params: keyParams,
      body: coreBankingCustomerInputSchema,
      responses: { 200: coreBankingUpsertResultSchema, 201: coreBankingUpsertResultSchema },
      idempotent: true,
    },
    updateCustomer: {
      method: 'put',
      path: '/v1/customers/:id',
      summary: 'Update a customer by party id (idempotent), setting its golden key when given; 404 when the party does not exist',
      description:
        'For records linked by matching rather than by golden key: a Process API writes the golden record to the party it matched and stamps the golden key on it, so the link also lives in the bank.',
      tags: ['customers'],
      params: idParams,
      headers: z.object({
        'if-match': z
          .string()
          .regex(VERSION_TAG, 'the customer `version` last read, like "7"')
          .optional()
          .describe('Update only if the party is still at this version (412 otherwise): a caller never overwrites a change it has not seen'),
      }),
      body: coreBankingCustomerUpdateSchema,
      responses: { 200: coreBankingUpsertResultSchema },
      idempotent: true,
    },
    updateCustomers: {
      method: 'patch',
      path: '/v1/customers',
      summary: 'Update up to 100 customers by party id in one request; each item answers as its own update would',
      description:
        'For a Process API delivering a backlog: one request instead of one per party. Items are applied independently (one failing does not undo the others) and answered in request order, each with the status, result or problem of `PUT /v1/customers/:id`. When the bank is unavailable for every item, the whole request answers that 503/504, so callers\' breakers see the outage.',
      tags: ['customers'],
      body: coreBankingBatchUpdateSchema,
      responses: { 200: z.object({ results: z.array(coreBankingBatchUpdateOutcomeSchema) }).meta({ id: 'CoreBankingBatchUpdateResults' }) },
      idempotent: true,
    },
    listChanges: {
      method: 'get',
      path: '/v1/changes',
      summary: 'Customer changes after a cursor, from modifiedSince polling (long poll with waitMs)',
      tags: ['changes'],
      query: changeFeedQuerySchema,
      responses: { 200: changeFeedPageSchema(coreBankingCustomerSchema) },
    },
    getChangesStatus: {
      method: 'get',
      path: '/v1/changes/status',
      summary: 'Where polling stands, the last error, and quarantined bank records',
      tags: ['changes'],
      responses: { 200: feedStatusSchema },
    },
  },
);

export type SystemCoreBankingContract = typeof systemCoreBankingContract;
