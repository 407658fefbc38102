import { z } from 'zod';

/** A postal address with stable names; the bank's numbered lines become `street`. */
export const coreBankingAddressSchema = z
  .object({
    street: z.string().max(200).nullable(),
    city: z.string().max(60).nullable(),
    /** The bank keeps no state field; always null unless a later bank release adds one. */
    state: z.string().max(60).nullable(),
    postalCode: z.string().max(20).nullable(),
    /** ISO 3166-1 alpha-2, as the bank stores it. */
    country: z.string().max(2).nullable(),
  })
  .meta({ id: 'CoreBankingAddress' });

/** The bank's status codes (`A`, `I`, `D`) under names consumers share with other systems. */
export const coreBankingStatusSchema = z.enum(['active', 'inactive', 'deceased']);

/**
 * A core-banking party as clean customer JSON, in the shape every System API shares so a
 * Process API can consume all systems alike. The bank's quirks (split `legalName`,
 * `YYYYMMDD` dates, numbered address lines, one-letter status codes, external-ref lists)
 * stay behind this contract.
 */
export const coreBankingCustomerSchema = z
  .object({
    /** The bank's party id (`P` + 9 digits). */
    id: z.string(),
    /** The golden key (the party's `CRM` external reference), or null for unlinked parties. */
    customerKey: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string(),
    birthDate: z.iso.date().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: coreBankingAddressSchema,
    status: coreBankingStatusSchema,
    /** sha256 hex of the tax id: the bank never hands out the number itself. */
    taxIdHash: z.string().nullable(),
    /** The bank's record version; it grows with every change. */
    version: z.number().int().min(1),
    /** When the bank last changed the party (second precision, UTC). */
    updatedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'CoreBankingCustomer' });

export type CoreBankingCustomer = z.infer<typeof coreBankingCustomerSchema>;

/**
 * What a caller may write. Every field is optional so an upsert changes only what it
 * knows; `null` clears a field. Creating a party needs at least `lastName`.
 */
export const coreBankingCustomerInputSchema = z
  .object({
    firstName: z.string().min(1).max(80).nullable(),
    lastName: z.string().min(1).max(80),
    birthDate: z.iso.date().nullable(),
    email: z.email().max(120).nullable(),
    phone: z.string().min(3).max(40).nullable(),
    address: coreBankingAddressSchema.partial(),
    status: coreBankingStatusSchema,
    taxIdHash: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 hex').nullable(),
  })
  .partial()
  .meta({ id: 'CoreBankingCustomerInput' });

export type CoreBankingCustomerInput = z.infer<typeof coreBankingCustomerInputSchema>;
