import { z } from 'zod';

/** The bank's one-letter status codes: active, inactive, deceased. */
export const statusCodeSchema = z.enum(['A', 'I', 'D']);

/** A reference to the party in another system; `CRM` carries Strata's golden key. */
export const externalRefSchema = z.object({ scheme: z.string().min(1).max(10), value: z.string().min(1).max(40) });

const text = (max: number) => z.string().max(max).nullable().default(null);

/**
 * What a client sends to create or replace a party, validated the way the bank does:
 * dates are `YYYYMMDD` text, the address is numbered lines, status a one-letter code.
 */
export const partyBodySchema = z.object({
  externalRefs: z.array(externalRefSchema).max(10).default([]),
  legalName: z.object({ givenNames: text(80), familyName: z.string().min(1).max(80) }),
  birthDate: z
    .string()
    .regex(/^\d{8}$/, 'YYYYMMDD')
    .refine(isRealDate, 'not a calendar date')
    .nullable()
    .default(null),
  taxIdHash: text(64),
  contact: z.object({ email: text(120), phone: text(40) }).default({ email: null, phone: null }),
  address: z
    .object({ line1: text(100), line2: text(100), line3: text(100), city: text(60), postcode: text(20), countryCode: z.string().length(2).nullable().default(null) })
    .default({ line1: null, line2: null, line3: null, city: null, postcode: null, countryCode: null }),
  statusCode: statusCodeSchema.default('A'),
});

export type PartyBody = z.output<typeof partyBodySchema>;

/** A party as the bank stores and serves it. */
export interface Party extends PartyBody {
  /** `P` + nine digits. */
  partyId: string;
  /** `YYYYMMDDhhmmss` in UTC: second precision, so several changes can share one value. */
  modifiedAt: string;
  /** Grows by one with every write; served as the ETag. */
  version: number;
}

function isRealDate(value: string): boolean {
  const [y, m, d] = [Number(value.slice(0, 4)), Number(value.slice(4, 6)), Number(value.slice(6, 8))];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The golden key of a party, if it carries a `CRM` reference. */
export function crmRefOf(party: Pick<PartyBody, 'externalRefs'>): string | null {
  return party.externalRefs.find((ref) => ref.scheme === 'CRM')?.value ?? null;
}
