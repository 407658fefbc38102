import { z } from 'zod';
import { batchBodySchema, changeFeedPageSchema, changeFeedQuerySchema, cursorPageSchema, defineContract, feedStatusSchema, problemSchema } from '@strata/contract-kit';
import { customerInputSchema, customerSchema } from './customer.schema';

const idParams = z.object({ id: z.string().regex(/^CP-\d{6}$/, 'a card platform id like CP-000123') });
const keyParams = z.object({ customerKey: z.string().regex(/^CK-\d{6}$/, 'a golden key like CK-000123') });

/** The result of one upsert: which cardholder, and whether it was created. */
export const upsertResultSchema = z
  .object({ id: z.string(), created: z.boolean(), customer: customerSchema })
  .meta({ id: 'CardPlatformUpsertResult' });

/** A cardholder version as `If-Match` carries it: the record's hash, in quotes. */
const VERSION_TAG = /^(W\/)?"?[0-9a-f]{64}"?$/;

/** An update by platform id: the input, plus the golden key to stamp on the cardholder. */
const updateInputSchema = customerInputSchema
  .extend({ customerKey: z.string().regex(/^CK-\d{6}$/, 'a golden key like CK-000123') })
  .partial()
  .meta({ id: 'CardPlatformCustomerUpdate' });

/** Most updates one batch may carry. */
export const MAX_BATCH_UPDATES = 100;

/** A batch of updates by platform id, each with the version last read (as `If-Match` would carry it). */
export const batchUpdateSchema = batchBodySchema(
  z.object({
    id: idParams.shape.id,
    ifMatch: z.string().regex(VERSION_TAG, 'the customer `version` last read, in quotes').optional(),
    update: updateInputSchema,
  }),
  MAX_BATCH_UPDATES,
  'cardholder',
).meta({ id: 'CardPlatformBatchUpdate' });

/** How one item of a batch went: the status `PUT /v1/customers/:id` would have answered, with its result or problem. */
export const batchUpdateOutcomeSchema = z
  .object({ id: z.string(), status: z.number().int(), result: upsertResultSchema.optional(), problem: problemSchema.optional() })
  .meta({ id: 'CardPlatformBatchUpdateOutcome' });

export type CardPlatformBatchUpdateOutcome = z.infer<typeof batchUpdateOutcomeSchema>;

/**
 * The card platform System API: cardholders of the SOAP card platform as clean JSON,
 * found by platform id or golden key, idempotent upserts by golden key, and a change
 * feed the API derives itself from snapshots, since the platform records no change
 * times at all.
 */
export const systemCardPlatformContract = defineContract(
  {
    name: 'system-card-platform',
    title: 'Card Platform System API',
    version: '1.0.0',
    description: 'Unlocks cardholders of the SOAP card platform: clean JSON, upserts by golden key and a snapshot-derived change feed.',
  },
  {
    listCustomers: {
      method: 'get',
      path: '/v1/customers',
      summary: 'List cardholders in id order with cursor pagination, or search them by email or last name',
      tags: ['customers'],
      query: z.object({
        email: z.email().max(80).optional().describe('Exact email address (search; no pagination)'),
        lastName: z.string().min(2).max(40).optional().describe('Exact last name, any case (search; no pagination)'),
        after: z.string().min(1).max(512).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      responses: { 200: cursorPageSchema(customerSchema) },
    },
    getCustomer: {
      method: 'get',
      path: '/v1/customers/:id',
      summary: 'Read a cardholder by card platform id',
      tags: ['customers'],
      params: idParams,
      responses: { 200: customerSchema },
    },
    getCustomerByKey: {
      method: 'get',
      path: '/v1/customers/by-key/:customerKey',
      summary: 'Read a cardholder by golden key',
      tags: ['customers'],
      params: keyParams,
      responses: { 200: customerSchema },
    },
    upsertCustomerByKey: {
      method: 'put',
      path: '/v1/customers/by-key/:customerKey',
      summary: 'Create or update a cardholder by golden key (idempotent)',
      tags: ['customers'],
      params: keyParams,
      body: customerInputSchema,
      responses: { 200: upsertResultSchema, 201: upsertResultSchema },
      idempotent: true,
    },
    updateCustomer: {
      method: 'put',
      path: '/v1/customers/:id',
      summary: 'Update a cardholder by card platform id (idempotent), setting its golden key when given; 404 when there is no such cardholder',
      description: 'For cardholders a Process API linked by matching: it writes the golden record to that cardholder and stamps the golden key on it.',
      tags: ['customers'],
      params: idParams,
      headers: z.object({
        'if-match': z
          .string()
          .regex(VERSION_TAG, 'the customer `version` last read, in quotes')
          .optional()
          .describe('Update only if the cardholder is still at this version (412 otherwise, nothing written): a caller never overwrites a change it has not seen'),
      }),
      body: updateInputSchema,
      responses: { 200: upsertResultSchema },
      idempotent: true,
    },
    updateCustomers: {
      method: 'patch',
      path: '/v1/customers',
      summary: 'Update up to 100 cardholders by card platform id in one request; each item answers as its own update would',
      description:
        'For a Process API delivering a backlog: one request instead of one per cardholder. Items are applied independently and answered in request order, each with the status, result or problem of `PUT /v1/customers/:id`. When the platform is unavailable for every item, the whole request answers that 503/504, so callers\' breakers see the outage.',
      tags: ['customers'],
      body: batchUpdateSchema,
      responses: { 200: z.object({ results: z.array(batchUpdateOutcomeSchema) }).meta({ id: 'CardPlatformBatchUpdateResults' }) },
      idempotent: true,
    },
    listChanges: {
      method: 'get',
      path: '/v1/changes',
      summary: 'Cardholder changes after a cursor, found by comparing snapshots (long poll with waitMs)',
      tags: ['changes'],
      query: changeFeedQuerySchema,
      responses: { 200: changeFeedPageSchema(customerSchema) },
    },
    getChangesStatus: {
      method: 'get',
      path: '/v1/changes/status',
      summary: 'Where the snapshot pass stands, its last error and the quarantined records',
      tags: ['changes'],
      responses: { 200: feedStatusSchema },
    },
  },
);

export type SystemCardPlatformContract = typeof systemCardPlatformContract;
