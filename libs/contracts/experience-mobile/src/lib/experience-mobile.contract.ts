import { z } from 'zod';
import { defineContract } from '@strata/contract-kit';

export const mobileAddressSchema = z
  .object({
    street: z.string().max(255).nullable(),
    city: z.string().max(80).nullable(),
    state: z.string().max(80).nullable(),
    postalCode: z.string().max(20).nullable(),
    country: z.string().max(80).nullable(),
  })
  .meta({ id: 'MobileAddress' });

/**
 * The signed-in customer as the app shows them: the golden record without where each
 * value came from and without any other system's ids. `version` is also the `ETag`.
 */
export const mobileProfileSchema = z
  .object({
    customerKey: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string(),
    birthDate: z.iso.date().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: mobileAddressSchema,
    status: z.enum(['active', 'inactive', 'deceased']),
    version: z.number().int().min(1),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'MobileProfile' });
export type MobileProfile = z.infer<typeof mobileProfileSchema>;

/** What the customer may change themselves: contact details, at least one of them. */
export const mobileContactChangeSchema = z
  .object({
    email: z.email().max(80).nullable(),
    phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 phone number like +14155550123').nullable(),
    address: mobileAddressSchema.partial(),
  })
  .partial()
  .refine((change) => Object.keys(change).length > 0, { message: 'Change at least one of email, phone, address' })
  .meta({ id: 'MobileContactChange' });
export type MobileContactChange = z.infer<typeof mobileContactChangeSchema>;

export const mobileChangeAcceptedSchema = z
  .object({
    /** The version the change produced; send it as `If-Match` next time. */
    version: z.number().int(),
    profile: mobileProfileSchema,
    /** Where to see the change reach each of the customer's accounts (also the `Location` header). */
    statusUrl: z.literal('/v1/me/sync-status'),
  })
  .meta({ id: 'MobileChangeAccepted' });

/** One of the customer's accounts and whether it has the latest change, in the customer's words. */
export const mobileAccountSyncSchema = z
  .object({
    account: z.enum(['profile', 'bank-account', 'card-account', 'loan-account']),
    state: z.enum(['updated', 'updating', 'delayed']),
    /** e.g. "Your bank account has the change". */
    message: z.string(),
  })
  .meta({ id: 'MobileAccountSync' });

export const mobileSyncStatusSchema = z
  .object({
    version: z.number().int(),
    /** True when every account has the latest change. */
    complete: z.boolean(),
    accounts: z.array(mobileAccountSyncSchema),
  })
  .meta({ id: 'MobileSyncStatus' });
export type MobileSyncStatus = z.infer<typeof mobileSyncStatusSchema>;

/**
 * The mobile Experience API: the signed-in customer's own profile, changes to their
 * contact details and where those changes stand. Every route needs the calling app's
 * `x-client-id` / `x-client-secret` and the user's bearer token; the customer is always
 * the token's, never one named in the request.
 */
export const experienceMobileContract = defineContract(
  {
    name: 'experience-mobile',
    title: 'Mobile Experience API',
    version: '1.0.0',
    description: "Customer self-service for the mobile app. Auth: x-client-id + x-client-secret (the app) and Authorization: Bearer <JWT> (the customer; scopes customer:read, customer:write).",
  },
  {
    getMe: {
      method: 'get',
      path: '/v1/me',
      summary: "The signed-in customer's profile; ETag is its version, If-None-Match answers 304",
      tags: ['me'],
      headers: z.object({ 'if-none-match': z.string().max(200).optional() }),
      responses: { 200: mobileProfileSchema, 304: null },
    },
    changeMe: {
      method: 'patch',
      path: '/v1/me',
      summary: 'Change email, phone or address; If-Match must carry the current ETag (428 without, 412 when stale); 202 with Location of the sync status',
      tags: ['me'],
      headers: z.object({ 'if-match': z.string().max(64).optional() }),
      body: mobileContactChangeSchema,
      responses: { 202: mobileChangeAcceptedSchema },
    },
    getMySyncStatus: {
      method: 'get',
      path: '/v1/me/sync-status',
      summary: "Where the customer's latest change stands in each of their accounts",
      tags: ['me'],
      responses: { 200: mobileSyncStatusSchema },
    },
  },
);

export type ExperienceMobileContract = typeof experienceMobileContract;
