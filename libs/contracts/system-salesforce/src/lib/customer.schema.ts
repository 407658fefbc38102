import { z } from 'zod';

/** Bank platforms whose ids a Salesforce contact carries as external ids. */
export const externalSystemSchema = z.enum(['core-banking', 'card-platform', 'loan-system']);
export type ExternalSystem = z.infer<typeof externalSystemSchema>;

export const postalAddressSchema = z
  .object({
    street: z.string().max(255).nullable(),
    city: z.string().max(40).nullable(),
    state: z.string().max(80).nullable(),
    postalCode: z.string().max(20).nullable(),
    country: z.string().max(80).nullable(),
  })
  .meta({ id: 'PostalAddress' });

/** The shape of a customer `version`: `<LastModifiedDate in epoch ms>-<8 hex of a hash of the served fields>`. */
export const CUSTOMER_VERSION_PATTERN = /^\d{1,15}-[0-9a-f]{8}$/;

export const customerStatusSchema = z.enum(['active', 'inactive', 'deceased']);
export const channelSchema = z.enum(['email', 'phone', 'sms', 'post']);

/**
 * A Salesforce Contact as clean JSON with stable names: consumers never see field
 * API names like `Core_Banking_Id__c`, so the org's customisations can change behind
 * this contract without breaking them.
 */
export const customerSchema = z
  .object({
    id: z.string().length(18),
    customerKey: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    mobilePhone: z.string().nullable(),
    birthDate: z.iso.date().nullable(),
    mailingAddress: postalAddressSchema,
    accountId: z.string().nullable(),
    externalIds: z.object({
      coreBanking: z.string().nullable(),
      cardPlatform: z.string().nullable(),
      loanSystem: z.string().nullable(),
    }),
    status: customerStatusSchema.nullable(),
    preferredChannels: z.array(channelSchema),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    /**
     * Opaque; compare it only for equality and send it back as `If-Match` on an update by
     * id. It changes whenever the Contact is saved (it is derived from `LastModifiedDate`
     * and the served fields), so holding an old one means a change has not been seen.
     */
    version: z.string().regex(CUSTOMER_VERSION_PATTERN),
  })
  .meta({ id: 'SalesforceCustomer' });

export type Customer = z.infer<typeof customerSchema>;

/**
 * What a caller may write. Every field is optional so an upsert can change only what
 * it knows; `null` clears a field. Keys are not part of the body: they are in the path.
 */
export const customerInputSchema = z
  .object({
    firstName: z.string().max(40).nullable(),
    lastName: z.string().min(1).max(80),
    email: z.email().max(80).nullable(),
    phone: z.string().max(40).nullable(),
    mobilePhone: z.string().max(40).nullable(),
    birthDate: z.iso.date().nullable(),
    mailingAddress: postalAddressSchema.partial(),
    accountId: z.string().length(18).nullable(),
    externalIds: z
      .object({ coreBanking: z.string().max(40).nullable(), cardPlatform: z.string().max(40).nullable(), loanSystem: z.string().max(40).nullable() })
      .partial(),
    status: customerStatusSchema.nullable(),
    preferredChannels: z.array(channelSchema),
  })
  .partial()
  .meta({ id: 'SalesforceCustomerInput' });

export type CustomerInput = z.infer<typeof customerInputSchema>;
