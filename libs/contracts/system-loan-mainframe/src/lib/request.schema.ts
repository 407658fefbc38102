import { z } from 'zod';

/**
 * Mainframe return codes, per record of an acknowledgement file: `00` applied, `04`
 * applied with a warning, `08` no such loan or customer, `12` the record failed the
 * mainframe's validation, `16` the mainframe failed.
 */
export const returnCodeSchema = z.enum(['00', '04', '08', '12', '16']);
export type ReturnCode = z.infer<typeof returnCodeSchema>;

export const updateRequestStateSchema = z.enum(['pending', 'applied', 'rejected']);

/**
 * One update sent to the mainframe as a request file, and what its acknowledgement
 * said. Writes are asynchronous (the mainframe picks request files up in batches), so
 * this is what a caller polls at `GET /v1/requests/:requestId`.
 */
export const updateRequestSchema = z
  .object({
    requestId: z.uuid(),
    status: updateRequestStateSchema,
    /** The loan addressed, when the caller named it (else found by customer key). */
    loanAccount: z.string().nullable(),
    customerKey: z.string().nullable(),
    /** The request file that carried it, e.g. `LNREQ.000042.req`. */
    requestFile: z.string(),
    returnCode: returnCodeSchema.nullable(),
    /** What the return code means, in words. */
    returnMeaning: z.string().nullable(),
    /** The mainframe's own message for the record (upper-case, as sent). */
    message: z.string().nullable(),
    submittedAt: z.iso.datetime({ offset: true }),
    completedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'LoanUpdateRequest' });

export type UpdateRequest = z.infer<typeof updateRequestSchema>;
