import { z } from 'zod';
import { batchBodySchema, changeFeedPageSchema, changeFeedQuerySchema, cursorPageSchema, defineContract, feedStatusSchema, problemSchema } from '@strata/contract-kit';
import { customerInputSchema, customerKeySchema, customerSchema, loanAccountSchema } from './customer.schema';
import { updateRequestSchema } from './request.schema';

const idParams = z.object({ id: loanAccountSchema });
const keyParams = z.object({ customerKey: customerKeySchema });

/**
 * RFC 7240 `Prefer: wait=<seconds>`: wait that long for the mainframe's acknowledgement
 * before answering 202. The API bounds the wait (10 s by default) whatever is asked.
 */
export const preferWaitHeaders = z.object({
  prefer: z
    .string()
    .regex(/^\s*(respond-async\s*,\s*)?wait=\d{1,4}\s*$/, 'wait=<seconds>, optionally after respond-async')
    .optional(),
});

const writeResponses = { 200: updateRequestSchema, 202: updateRequestSchema } as const;

/** An update by loan account: the input, plus the golden key to link the borrower to. */
const updateInputSchema = customerInputSchema.extend({ customerKey: customerKeySchema.nullable().optional() });

/** Most updates one batch (one request file) may carry. */
export const MAX_BATCH_UPDATES = 100;

/** A batch of updates by loan account, each loan at most once (two records for one loan in one file would race in the mainframe's cycle). */
export const batchUpdateSchema = batchBodySchema(z.object({ id: loanAccountSchema, update: updateInputSchema }), MAX_BATCH_UPDATES, 'loan')
  .meta({ id: 'LoanBatchUpdate' });

/**
 * How one item of a batch went, as `PUT /v1/customers/:id` with the same `Prefer` would
 * have answered: 200 applied, 202 still pending (poll `request`), or the rejection's
 * status and problem (404 for return code 08, 422 for 12, 502 for 16).
 */
export const batchUpdateOutcomeSchema = z
  .object({ id: z.string(), status: z.number().int(), request: updateRequestSchema, problem: problemSchema.optional() })
  .meta({ id: 'LoanBatchUpdateOutcome' });

export type LoanBatchUpdateOutcome = z.infer<typeof batchUpdateOutcomeSchema>;

/**
 * The loan mainframe System API. The mainframe speaks only fixed-width record files in
 * an exchange folder; this API turns its extract and change files into customers and
 * the standard change feed, and turns writes into request files whose
 * acknowledgements it correlates: a write answers 202 with a status URL, or waits
 * (bounded) for the acknowledgement with `Prefer: wait=<seconds>`.
 */
export const systemLoanMainframeContract = defineContract(
  {
    name: 'system-loan-mainframe',
    title: 'Loan Mainframe System API',
    version: '1.0.0',
    description: 'Unlocks the loan mainframe (fixed-width record files): borrowers as clean JSON, updates with acknowledgements, and a change feed.',
  },
  {
    listCustomers: {
      method: 'get',
      path: '/v1/customers',
      summary: 'List or search borrowers by loan account order, with cursor pagination',
      description: 'Served from the last files the mainframe sent; `GET /v1/changes/status` shows how current they are.',
      tags: ['customers'],
      query: z.object({
        q: z.string().min(2).max(60).optional().describe('Matches surname, given names or email, ignoring case'),
        after: z.string().min(1).max(512).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      responses: { 200: cursorPageSchema(customerSchema) },
    },
    getCustomer: {
      method: 'get',
      path: '/v1/customers/:id',
      summary: 'Read the borrower of a loan by loan account number',
      tags: ['customers'],
      params: idParams,
      responses: { 200: customerSchema },
    },
    getCustomerByKey: {
      method: 'get',
      path: '/v1/customers/by-key/:customerKey',
      summary: 'Read a borrower by golden key (the lowest loan account number when several match)',
      tags: ['customers'],
      params: keyParams,
      responses: { 200: customerSchema },
    },
    upsertCustomerByKey: {
      method: 'put',
      path: '/v1/customers/by-key/:customerKey',
      summary: 'Update the borrower linked to a golden key (idempotent; 202 + Location, or 200 with Prefer: wait)',
      description: 'The mainframe only updates borrowers of existing loans: an unknown key is acknowledged with return code 08 (404).',
      tags: ['customers'],
      params: keyParams,
      headers: preferWaitHeaders,
      body: customerInputSchema,
      responses: writeResponses,
      idempotent: true,
    },
    updateCustomer: {
      method: 'put',
      path: '/v1/customers/:id',
      summary: 'Update the borrower of a loan by loan account number (idempotent; 202 + Location, or 200 with Prefer: wait)',
      tags: ['customers'],
      params: idParams,
      headers: preferWaitHeaders,
      body: updateInputSchema,
      responses: writeResponses,
      idempotent: true,
    },
    updateCustomers: {
      method: 'patch',
      path: '/v1/customers',
      summary: 'Update up to 100 borrowers by loan account in one request file; each item answers as its own update would',
      description:
        'One request file with a record per item, the way the mainframe takes work: a backlog costs one file and one acknowledgement instead of one of each per borrower. With `Prefer: wait` the answer waits (bounded) for that acknowledgement. Items are answered in request order. An item the record layout cannot hold refuses the whole batch (400 naming it) before anything is written.',
      tags: ['customers'],
      headers: preferWaitHeaders,
      body: batchUpdateSchema,
      responses: { 200: z.object({ results: z.array(batchUpdateOutcomeSchema) }).meta({ id: 'LoanBatchUpdateResults' }) },
      idempotent: true,
    },
    getRequest: {
      method: 'get',
      path: '/v1/requests/:requestId',
      summary: 'Status of an update request: pending until the acknowledgement file arrives',
      tags: ['requests'],
      params: z.object({ requestId: z.uuid() }),
      responses: { 200: updateRequestSchema },
    },
    listChanges: {
      method: 'get',
      path: '/v1/changes',
      summary: 'Borrower changes after a cursor, read from the extract and change files (long poll with waitMs)',
      tags: ['changes'],
      query: changeFeedQuerySchema,
      responses: { 200: changeFeedPageSchema(customerSchema) },
    },
    getChangesStatus: {
      method: 'get',
      path: '/v1/changes/status',
      summary: 'Where file processing stands, the last error and the quarantined records',
      tags: ['changes'],
      responses: { 200: feedStatusSchema },
    },
  },
);

export type SystemLoanMainframeContract = typeof systemLoanMainframeContract;
