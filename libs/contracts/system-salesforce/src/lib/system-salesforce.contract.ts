import { z } from 'zod';
import { batchBodySchema, changeFeedPageSchema, changeFeedQuerySchema, cursorPageSchema, defineContract, problemSchema } from '@strata/contract-kit';
import { customerInputSchema, customerSchema, externalSystemSchema } from './customer.schema';

const salesforceIdSchema = z.string().regex(/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/, 'a 15 or 18 character Salesforce id');
const idParams = z.object({ id: salesforceIdSchema });
const keyParams = z.object({ customerKey: z.string().min(1).max(20) });
const externalParams = z.object({ system: externalSystemSchema, externalId: z.string().min(1).max(40) });
const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(128).optional() });
/** `If-Match: "<version>"`; quotes and a weak `W/` prefix are tolerated, as core banking does. */
const IF_MATCH = /^(W\/)?"?\d{1,15}-[0-9a-f]{8}"?$/;

/** The result of one upsert: which record, and whether it was created. */
export const upsertResultSchema = z.object({ id: z.string(), created: z.boolean(), customer: customerSchema }).meta({ id: 'SalesforceUpsertResult' });

/** What an update by id may change: any customer field, and the golden key to stamp on the contact. */
export const salesforceCustomerUpdateSchema = customerInputSchema.extend({ customerKey: z.string().min(1).max(20) }).partial().meta({ id: 'SalesforceCustomerUpdate' });

export type SalesforceCustomerUpdate = z.infer<typeof salesforceCustomerUpdateSchema>;

/** Most updates one batch may carry: a page of a Process API's outbox, small enough to answer well within a deadline. */
export const MAX_BATCH_UPDATES = 100;

/** One update of a batch: the contact, the version the caller last read (as `If-Match` would carry it), and the fields. */
export const salesforceBatchUpdateItemSchema = z
  .object({
    id: salesforceIdSchema,
    ifMatch: z.string().regex(IF_MATCH, 'the customer `version` last read, like "1767261600123-9f86d081"').optional().describe('Update only if the contact is still at this version (that item answers 412 otherwise)'),
    update: salesforceCustomerUpdateSchema,
  })
  .meta({ id: 'SalesforceBatchUpdateItem' });

export type SalesforceBatchUpdateItem = z.infer<typeof salesforceBatchUpdateItemSchema>;

/** A batch of updates; each contact at most once, since two updates of one contact in one batch would race each other. */
export const salesforceBatchUpdateSchema = batchBodySchema(salesforceBatchUpdateItemSchema, MAX_BATCH_UPDATES, 'contact').meta({ id: 'SalesforceBatchUpdate' });

/**
 * How one item of a batch went: the status the single update (`PUT /v1/customers/:id`)
 * would have answered, with its result or its problem, so a caller handles a failed item
 * exactly as it would that call.
 */
export const salesforceBatchUpdateOutcomeSchema = z
  .object({ id: z.string(), status: z.number().int(), result: upsertResultSchema.optional(), problem: problemSchema.optional() })
  .meta({ id: 'SalesforceBatchUpdateOutcome' });

export type SalesforceBatchUpdateOutcome = z.infer<typeof salesforceBatchUpdateOutcomeSchema>;

export const bulkUpsertItemSchema = z.object({ customerKey: z.string().min(1).max(20), customer: customerInputSchema });
export const bulkUpsertResultSchema = z.object({
  results: z.array(
    z.object({
      customerKey: z.string(),
      ok: z.boolean(),
      id: z.string().nullable(),
      created: z.boolean().nullable(),
      error: z.object({ code: z.string(), message: z.string(), fields: z.array(z.string()) }).nullable(),
    }),
  ),
  /** How many Salesforce API calls the batch cost (collections of 200). */
  apiCalls: z.number().int(),
});

/**
 * The Salesforce System API: customers (Salesforce Contacts) as clean JSON, found by
 * Salesforce id, golden key or any bank's id; idempotent upserts by external key; and
 * the change feed fed by Change Data Capture.
 */
export const systemSalesforceContract = defineContract(
  {
    name: 'system-salesforce',
    title: 'Salesforce System API',
    version: '1.0.0',
    description: 'Unlocks Salesforce customers (Contacts) through jsforce: clean JSON, idempotent upserts and a CDC change feed.',
  },
  {
    listCustomers: {
      method: 'get',
      path: '/v1/customers',
      summary: 'List or search customers, newest first, with cursor pagination',
      tags: ['customers'],
      query: z.object({
        q: z.string().min(2).max(80).optional().describe('Matches name, email or phone'),
        after: z.string().min(1).max(512).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      responses: { 200: cursorPageSchema(customerSchema) },
    },
    getCustomer: {
      method: 'get',
      path: '/v1/customers/:id',
      summary: 'Read a customer by Salesforce id',
      tags: ['customers'],
      params: idParams,
      responses: { 200: customerSchema },
    },
    getCustomerByKey: {
      method: 'get',
      path: '/v1/customers/by-key/:customerKey',
      summary: 'Read a customer by golden key',
      tags: ['customers'],
      params: keyParams,
      responses: { 200: customerSchema },
    },
    getCustomerByExternalId: {
      method: 'get',
      path: '/v1/customers/by-external-id/:system/:externalId',
      summary: "Read a customer by a bank platform's id",
      tags: ['customers'],
      params: externalParams,
      responses: { 200: customerSchema },
    },
    upsertCustomerByKey: {
      method: 'put',
      path: '/v1/customers/by-key/:customerKey',
      summary: 'Create or update a customer by golden key (idempotent)',
      tags: ['customers'],
      params: keyParams,
      headers: idempotencyHeaders,
      body: customerInputSchema,
      responses: { 200: upsertResultSchema, 201: upsertResultSchema },
      idempotent: true,
    },
    upsertCustomerByExternalId: {
      method: 'put',
      path: '/v1/customers/by-external-id/:system/:externalId',
      summary: "Create or update a customer by a bank platform's id (idempotent)",
      tags: ['customers'],
      params: externalParams,
      headers: idempotencyHeaders,
      body: customerInputSchema,
      responses: { 200: upsertResultSchema, 201: upsertResultSchema },
      idempotent: true,
    },
    updateCustomer: {
      method: 'put',
      path: '/v1/customers/:id',
      summary: 'Update a customer by Salesforce id (idempotent), setting its golden key when given; 404 when there is no such contact',
      description: 'For contacts a Process API linked by matching: it writes the golden record to that contact and stamps the golden key on it.',
      tags: ['customers'],
      params: idParams,
      headers: idempotencyHeaders.extend({
        'if-match': z
          .string()
          .regex(IF_MATCH, 'the customer `version` last read, like "1767261600123-9f86d081"')
          .optional()
          .describe('Update only if the contact is still at this version (412 otherwise, nothing written): a caller never overwrites a change it has not seen'),
      }),
      body: salesforceCustomerUpdateSchema,
      responses: { 200: upsertResultSchema },
      idempotent: true,
    },
    updateCustomers: {
      method: 'patch',
      path: '/v1/customers',
      summary: 'Update up to 100 customers by Salesforce id in one request; each item answers as its own update would',
      description:
        "For a Process API delivering a backlog: one request instead of one per contact, and two queries to the org for the whole batch (current versions before, new versions after) instead of two per contact. Each contact is still written on its own with If-Unmodified-Since, so an item whose contact was saved since `ifMatch` answers 412 and is not written. Items are applied independently (one failing does not undo the others) and answered in request order, each with the status, result or problem of `PUT /v1/customers/:id`. When the org is unavailable for every item, the whole request answers that 503/504, so callers' breakers see the outage.",
      tags: ['customers'],
      body: salesforceBatchUpdateSchema,
      responses: { 200: z.object({ results: z.array(salesforceBatchUpdateOutcomeSchema) }).meta({ id: 'SalesforceBatchUpdateResults' }) },
      idempotent: true,
    },
    bulkUpsertCustomers: {
      method: 'post',
      path: '/v1/customers/bulk-upsert',
      summary: 'Upsert many customers by golden key, sent to Salesforce in collections of 200',
      tags: ['customers'],
      headers: idempotencyHeaders,
      body: z.object({ items: z.array(bulkUpsertItemSchema).min(1).max(10_000) }),
      responses: { 200: bulkUpsertResultSchema },
      idempotent: true,
    },
    deleteCustomer: {
      method: 'delete',
      path: '/v1/customers/:id',
      summary: 'Delete a customer (Salesforce keeps it in the recycle bin)',
      tags: ['customers'],
      params: idParams,
      responses: { 204: null },
    },
    listChanges: {
      method: 'get',
      path: '/v1/changes',
      summary: 'Customer changes after a cursor, from Change Data Capture (long poll with waitMs)',
      tags: ['changes'],
      query: changeFeedQuerySchema,
      responses: { 200: changeFeedPageSchema(customerSchema) },
    },
  },
);

export type SystemSalesforceContract = typeof systemSalesforceContract;
