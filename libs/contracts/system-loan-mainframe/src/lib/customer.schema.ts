import { z } from 'zod';

/** A loan account number as the mainframe issues it: `LN-` and eight digits. */
export const loanAccountSchema = z.string().regex(/^LN-\d{8}$/, 'a loan account number like LN-00001234');

/** The golden key that links a person across systems (`CK-000001`). */
export const customerKeySchema = z.string().regex(/^CK-\d{6}$/, 'a customer key like CK-000001');

export const loanAddressSchema = z
  .object({
    street: z.string().nullable(),
    city: z.string().nullable(),
    state: z.string().nullable(),
    postalCode: z.string().nullable(),
    /** ISO 3166-1 alpha-2, as the mainframe stores it. */
    country: z.string().nullable(),
  })
  .meta({ id: 'LoanBorrowerAddress' });

/** `closed` loans map to `inactive`; the mainframe never deletes a loan. */
export const borrowerStatusSchema = z.enum(['active', 'inactive', 'deceased']);

/**
 * The borrower of one loan, as clean JSON: the mainframe's upper-case, space-padded,
 * fixed-width record turned into the customer shape every System API shares. `id` is
 * the loan account number: the mainframe keeps one borrower record per loan.
 */
export const customerSchema = z
  .object({
    id: loanAccountSchema,
    customerKey: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string(),
    birthDate: z.iso.date().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: loanAddressSchema,
    status: borrowerStatusSchema,
    /** The record's last-change stamp from the mainframe (read as UTC). */
    updatedAt: z.iso.datetime({ offset: true }).nullable(),
    loan: z.object({
      /** Outstanding balance in the loan's currency; negative when overpaid. */
      outstandingBalance: z.number(),
      /** Nominal yearly rate in percent, four decimals (`4.1250`). */
      interestRatePercent: z.number(),
    }),
  })
  .meta({ id: 'LoanBorrower' });

export type Customer = z.infer<typeof customerSchema>;

/**
 * What a caller may change about a borrower. Every field is optional (only what is
 * sent changes) and `null` clears it; lengths are the record layout's, so text that
 * would not fit the mainframe's fields is refused here, naming the field.
 */
export const customerInputSchema = z
  .object({
    firstName: z.string().max(30).nullable(),
    lastName: z.string().min(1).max(30),
    birthDate: z.iso.date().nullable(),
    email: z.email().max(60).nullable(),
    phone: z.string().max(20).nullable(),
    address: z
      .object({
        street: z.string().max(40).nullable(),
        city: z.string().max(25).nullable(),
        state: z.string().max(20).nullable(),
        postalCode: z.string().max(10).nullable(),
        country: z.string().regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 code').nullable(),
      })
      .partial(),
    status: borrowerStatusSchema,
  })
  .partial()
  .meta({ id: 'LoanBorrowerInput' });

export type CustomerInput = z.infer<typeof customerInputSchema>;
