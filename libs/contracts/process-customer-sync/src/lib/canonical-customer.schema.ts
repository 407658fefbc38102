import { z } from 'zod';

/** The systems customer-sync keeps in step; the names used in ids, history and status. */
export const syncedSystemSchema = z.enum(['salesforce', 'core-banking', 'card-platform', 'loan-mainframe']).meta({ id: 'SyncedSystem' });
export type SyncedSystem = z.infer<typeof syncedSystemSchema>;
export const SYNCED_SYSTEMS = syncedSystemSchema.options;

/** The golden key: `CK-` and six or more digits. */
export const customerKeySchema = z.string().regex(/^CK-\d{6,}$/, 'a golden key like CK-000123');

export const canonicalAddressSchema = z
  .object({
    street: z.string().max(255).nullable(),
    city: z.string().max(80).nullable(),
    state: z.string().max(80).nullable(),
    postalCode: z.string().max(20).nullable(),
    country: z.string().max(80).nullable(),
  })
  .meta({ id: 'CanonicalAddress' });

/** The fields survivorship decides, one rule each; `address` survives as a whole. */
export const goldenFieldSchema = z.enum(['firstName', 'lastName', 'birthDate', 'email', 'phone', 'address', 'status']).meta({ id: 'GoldenField' });
export type GoldenField = z.infer<typeof goldenFieldSchema>;
export const GOLDEN_FIELDS = goldenFieldSchema.options;

/** Where a value can come from: a synced system, or this API itself (a consumer's own change). */
export const valueSourceSchema = z.enum([...syncedSystemSchema.options, 'api']).meta({ id: 'ValueSource' });
export type ValueSource = z.infer<typeof valueSourceSchema>;

/** Where a field's golden value came from, and which rule chose it. */
export const fieldSourceSchema = z
  .object({
    system: valueSourceSchema,
    /** When that system says the value changed. */
    at: z.iso.datetime({ offset: true }),
    /** The survivorship rule that picked it: `source-priority`, `most-recent`, `only-source`, `manual`. */
    rule: z.string(),
  })
  .meta({ id: 'FieldSource' });

export const customerStatusSchema = z.enum(['active', 'inactive', 'deceased']);

/**
 * The golden record: one customer as every system should hold them, with each
 * system's own id and, per field, the system and time it came from.
 */
export const canonicalCustomerSchema = z
  .object({
    customerKey: customerKeySchema,
    firstName: z.string().nullable(),
    lastName: z.string(),
    birthDate: z.iso.date().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: canonicalAddressSchema,
    status: customerStatusSchema,
    /** Each system's own id for this customer; null where the customer has no record. */
    identifiers: z.object({
      salesforce: z.string().nullable(),
      'core-banking': z.string().nullable(),
      'card-platform': z.string().nullable(),
      'loan-mainframe': z.string().nullable(),
    }),
    /** Grows by one with every change to the golden record; `ETag` / `If-Match` carry it. */
    version: z.number().int().min(1),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    sources: z.partialRecord(goldenFieldSchema, fieldSourceSchema),
  })
  .meta({ id: 'CanonicalCustomer' });

export type CanonicalCustomer = z.infer<typeof canonicalCustomerSchema>;

/** What a consumer may change directly: contact details, never identity. */
export const contactChangeSchema = z
  .object({
    email: z.email().max(80).nullable(),
    phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 phone number like +14155550123').nullable(),
    address: canonicalAddressSchema.partial(),
  })
  .partial()
  .refine((change) => Object.keys(change).length > 0, { message: 'Change at least one of email, phone, address' })
  .meta({ id: 'ContactChange' });

export type ContactChange = z.infer<typeof contactChangeSchema>;
