import { z } from 'zod';
import { canonicalAddressSchema, customerStatusSchema, goldenFieldSchema, syncedSystemSchema } from './canonical-customer.schema';

/**
 * How one linked system's own record stands against the golden record, read live:
 * `in-step` (agrees on every field it holds), `differs`, `missing` (the link points at
 * a record the system no longer has) or `unavailable` (breaker open, timeout, outage:
 * the others still answer).
 */
export const systemRecordStatusSchema = z.enum(['in-step', 'differs', 'missing', 'unavailable']).meta({ id: 'SystemRecordStatus' });
export type SystemRecordStatus = z.infer<typeof systemRecordStatusSchema>;

/** A system's record in canonical field names; null where the system holds no value (or cannot hold it). */
export const systemViewSchema = z
  .object({
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    birthDate: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: canonicalAddressSchema,
    status: customerStatusSchema.nullable(),
  })
  .meta({ id: 'SystemView' });
export type SystemView = z.infer<typeof systemViewSchema>;

/** A field on which the system says something else than the golden record (spelling and format differences excluded). */
export const fieldDifferenceSchema = z.object({ field: goldenFieldSchema, golden: z.unknown(), system: z.unknown() }).meta({ id: 'FieldDifference' });

export const customerSystemSchema = z
  .object({
    system: syncedSystemSchema,
    /** The system's own id for this customer. */
    recordId: z.string(),
    status: systemRecordStatusSchema,
    /** The record as the system holds it now; null when missing or unavailable. */
    view: systemViewSchema.nullable(),
    differences: z.array(fieldDifferenceSchema),
    /** Why the system could not be read (`breaker-open`, `timeout`, ...); null otherwise. */
    reason: z.string().nullable(),
  })
  .meta({ id: 'CustomerSystem' });
export type CustomerSystem = z.infer<typeof customerSystemSchema>;

/** Every linked system's own view of one customer, compared with the golden record at `version`. */
export const customerSystemsSchema = z
  .object({
    customerKey: z.string(),
    version: z.number().int(),
    readAt: z.iso.datetime({ offset: true }),
    systems: z.array(customerSystemSchema),
  })
  .meta({ id: 'CustomerSystems' });
export type CustomerSystems = z.infer<typeof customerSystemsSchema>;
