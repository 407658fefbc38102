import { z } from 'zod';

/** A postal address as the card platform can give it: lines mapped to named parts. */
export const cardAddressSchema = z
  .object({
    street: z.string().max(60).nullable(),
    city: z.string().max(60).nullable(),
    state: z.string().max(60).nullable(),
    postalCode: z.string().max(12).nullable(),
    /** ISO 3166-1 alpha-2 (`US`, `GB`, `CA`): the platform stores codes, not names. */
    country: z.string().length(2).nullable(),
  })
  .meta({ id: 'CardPlatformAddress' });

/** Card account state: OPEN, BLOCKED and CLOSED on the platform. */
export const cardholderStatusSchema = z.enum(['active', 'blocked', 'closed']);

/**
 * A cardholder as clean JSON in the shape every System API gives a customer, so a
 * Process API reads all backends alike. The platform's quirks stay behind it: its
 * `FAMILY, GIVEN` upper-case name is split and served in title case (accents are gone: the
 * platform keeps ASCII only), `DD/MM/YYYY` becomes ISO, address lines get names, and `updatedAt` is
 * always null because the platform records no modification time at all; `version` is the
 * API's own hash of the record instead.
 */
export const customerSchema = z
  .object({
    /** The platform's own id, `CP-` and six digits. */
    id: z.string().regex(/^CP-\d{6}$/),
    /** Golden key `CK-nnnnnn`, or null where the platform never recorded it. */
    customerKey: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string(),
    birthDate: z.iso.date().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: cardAddressSchema,
    status: cardholderStatusSchema,
    /** The card product the holder has (`CLASSIC`, `GOLD`...), when known. */
    cardProduct: z.string().nullable(),
    /** Always null: the card platform keeps no modification timestamps. */
    updatedAt: z.iso.datetime({ offset: true }).nullable(),
    /**
     * Opaque (a sha256 of the platform's record, the same value the change feed keys its
     * records by): it changes whenever anything in the record does. Compare it only for
     * equality and send it back as `If-Match` on an update by id.
     */
    version: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .meta({ id: 'CardPlatformCustomer' });

export type Customer = z.infer<typeof customerSchema>;

/**
 * What a caller may write. Every field is optional so an upsert changes only what it
 * names; `null` clears a field. Names are stored upper case without accents; a new
 * cardholder needs at least `lastName` (the platform refuses one without a name).
 */
export const customerInputSchema = z
  .object({
    firstName: z.string().min(1).max(40).nullable(),
    lastName: z.string().min(1).max(40),
    birthDate: z.iso.date().nullable(),
    email: z.email().max(80).nullable(),
    phone: z.string().regex(/^\+?[0-9 ()-]{6,20}$/, 'a phone number').nullable(),
    address: cardAddressSchema.partial(),
    status: cardholderStatusSchema,
    cardProduct: z.string().min(1).max(20).nullable(),
  })
  .partial()
  .meta({ id: 'CardPlatformCustomerInput' });

export type CustomerInput = z.infer<typeof customerInputSchema>;
