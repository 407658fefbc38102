import { z } from 'zod';
import { bankDateToIso, parseBankTimestamp } from './bank-timestamp';

const text = z.string().nullable();

/**
 * A party as the bank serves it, checked before anything is mapped: a record that fails
 * here (an impossible date, no legal name, a garbled timestamp) is quarantined by the
 * feed and answered as a 502 by reads, never passed on half-translated.
 */
export const bankPartySchema = z.object({
  partyId: z.string().regex(/^P\d{9}$/),
  externalRefs: z.array(z.object({ scheme: z.string(), value: z.string() })),
  legalName: z.object({ givenNames: text, familyName: z.string().min(1) }),
  birthDate: z
    .string()
    .refine((v) => bankDateToIso(v) !== undefined, 'not a calendar date (YYYYMMDD)')
    .nullable(),
  taxIdHash: text,
  contact: z.object({ email: text, phone: text }),
  address: z.object({ line1: text, line2: text, line3: text, city: text, postcode: text, countryCode: text }),
  statusCode: z.enum(['A', 'I', 'D']),
  modifiedAt: z.string().refine((v) => parseBankTimestamp(v) !== undefined, 'not a bank timestamp (YYYYMMDDhhmmss)'),
  version: z.number().int().min(1),
});

export type BankParty = z.infer<typeof bankPartySchema>;
/** What the bank accepts on create and replace. */
export type BankPartyBody = Omit<BankParty, 'partyId' | 'modifiedAt' | 'version'>;

/** A bank record that could not be read, with why. */
export type PartyReading = { ok: true; party: BankParty } | { ok: false; reason: string; partyId: string | null };

/** Checks one raw record; the reason names each bad field (`birthDate: not a calendar date`). */
export function readParty(raw: unknown): PartyReading {
  const parsed = bankPartySchema.safeParse(raw);
  if (parsed.success) return { ok: true, party: parsed.data };
  const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`).join('; ');
  const id = (raw as { partyId?: unknown } | null)?.partyId;
  return { ok: false, reason, partyId: typeof id === 'string' ? id : null };
}
