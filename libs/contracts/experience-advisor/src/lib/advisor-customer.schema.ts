import { z } from 'zod';

/** The systems a customer can be linked to, as staff see them named. */
export const advisorSystemSchema = z.enum(['salesforce', 'core-banking', 'card-platform', 'loan-mainframe']).meta({ id: 'AdvisorSystem' });
export type AdvisorSystem = z.infer<typeof advisorSystemSchema>;

const at = () => z.iso.datetime({ offset: true });
const field = z.enum(['firstName', 'lastName', 'birthDate', 'email', 'phone', 'address', 'status']);

export const advisorAddressSchema = z
  .object({ street: z.string().nullable(), city: z.string().nullable(), state: z.string().nullable(), postalCode: z.string().nullable(), country: z.string().nullable() })
  .meta({ id: 'AdvisorAddress' });

/** Each system's own id for the customer; null where the customer has no record there. */
export const advisorIdentifiersSchema = z.object({
  salesforce: z.string().nullable(),
  'core-banking': z.string().nullable(),
  'card-platform': z.string().nullable(),
  'loan-mainframe': z.string().nullable(),
});

/** One search hit: enough to recognise the person and open their 360, nothing more. */
export const advisorCustomerSummarySchema = z
  .object({
    customerKey: z.string(),
    displayName: z.string(),
    birthDate: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    status: z.enum(['active', 'inactive', 'deceased']),
    identifiers: advisorIdentifiersSchema,
  })
  .meta({ id: 'AdvisorCustomerSummary' });
export type AdvisorCustomerSummary = z.infer<typeof advisorCustomerSummarySchema>;

/** Where a golden value came from: the system (or `api`), when, and the survivorship rule that chose it. */
export const advisorFieldSourceSchema = z.object({ system: z.string(), at: at(), rule: z.string() }).meta({ id: 'AdvisorFieldSource' });

/** The golden record as staff read it: every value with its source, every system's id. */
export const advisorGoldenRecordSchema = z
  .object({
    customerKey: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string(),
    birthDate: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: advisorAddressSchema,
    status: z.enum(['active', 'inactive', 'deceased']),
    identifiers: advisorIdentifiersSchema,
    version: z.number().int().min(1),
    createdAt: at(),
    updatedAt: at(),
    sources: z.partialRecord(field, advisorFieldSourceSchema),
  })
  .meta({ id: 'AdvisorGoldenRecord' });
export type AdvisorGoldenRecord = z.infer<typeof advisorGoldenRecordSchema>;

/** One linked system's own record, read live, and where it differs from the golden record. */
export const advisorSystemViewSchema = z
  .object({
    system: advisorSystemSchema,
    recordId: z.string(),
    /** `in-step`, `differs`, `missing` (the system lost the record) or `unavailable` (see `reason`). */
    status: z.enum(['in-step', 'differs', 'missing', 'unavailable']),
    record: z
      .object({
        firstName: z.string().nullable(),
        lastName: z.string().nullable(),
        birthDate: z.string().nullable(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
        address: advisorAddressSchema,
        status: z.enum(['active', 'inactive', 'deceased']).nullable(),
      })
      .nullable(),
    differences: z.array(z.object({ field, golden: z.unknown(), system: z.unknown() })),
    reason: z.string().nullable(),
  })
  .meta({ id: 'AdvisorSystemView' });
export type AdvisorSystemView = z.infer<typeof advisorSystemViewSchema>;

/** One version of the golden record: what changed, from which system, and the values that lost. */
export const advisorHistoryEntrySchema = z
  .object({
    version: z.number().int(),
    at: at(),
    cause: z.string(),
    changes: z.array(z.object({ field, from: z.unknown(), to: z.unknown(), source: advisorFieldSourceSchema })),
    rejected: z.array(z.object({ field, value: z.unknown(), system: z.string(), rule: z.string() })),
  })
  .meta({ id: 'AdvisorHistoryEntry' });
export type AdvisorHistoryEntry = z.infer<typeof advisorHistoryEntrySchema>;

/**
 * The Customer 360: the golden record, each linked system's own view (read live), how
 * they differ, and the latest history entries (`history.nextCursor` continues in
 * `GET /v1/customers/:customerKey/history`).
 */
export const customer360Schema = z
  .object({
    customer: advisorGoldenRecordSchema,
    /** True when every linked system could be read and holds what the golden record says. */
    inStep: z.boolean(),
    systems: z.array(advisorSystemViewSchema),
    systemsReadAt: at(),
    history: z.object({ items: z.array(advisorHistoryEntrySchema), nextCursor: z.string().nullable() }),
  })
  .meta({ id: 'Customer360' });
export type Customer360 = z.infer<typeof customer360Schema>;
