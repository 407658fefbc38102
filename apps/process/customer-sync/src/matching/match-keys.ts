/**
 * How an unlinked record is matched to a golden record, as data: rules in order, each
 * a key built from the record. The first rule whose key finds a golden record decides.
 * Strong rules link at once; the weak one only proposes a review, because two people
 * can share a name, a birthday and a postcode (twins in one home), and a wrong merge
 * is far costlier than a question to a person.
 */

/** The attributes matching reads from a system's record, already in canonical shape. */
export interface MatchableRecord {
  taxIdHash?: string | null;
  email?: string | null;
  birthDate?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  postalCode?: string | null;
}

export type MatchStrength = 'link' | 'review';

export interface MatchRule {
  name: string;
  strength: MatchStrength;
  /** The lookup key, or null when the record lacks what the rule needs. */
  key(record: MatchableRecord): string | null;
}

/** Case, accents, punctuation and spacing differ between systems; identity does not. */
export function normalizeName(name: string | null | undefined): string | null {
  if (!name) return null;
  const folded = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/gi, 'o')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  return folded || null;
}

export function normalizeEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

export function normalizePostalCode(code: string | null | undefined): string | null {
  const compact = code?.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return compact ? compact : null;
}

const join = (...parts: (string | null | undefined)[]) => (parts.every((p) => p) ? parts.join('|') : null);

export const MATCH_RULES: readonly MatchRule[] = [
  { name: 'tax-id-hash', strength: 'link', key: (r) => join(r.taxIdHash?.toLowerCase()) },
  { name: 'email-and-birth-date', strength: 'link', key: (r) => join(normalizeEmail(r.email), r.birthDate) },
  {
    name: 'name-birth-date-postcode',
    strength: 'review',
    key: (r) => join(normalizeName(r.firstName), normalizeName(r.lastName), r.birthDate, normalizePostalCode(r.postalCode)),
  },
  // One name part typed differently (Smyth for Smith, Jon for John) with everything
  // else the same: a person should look, since a spelling and an old email together
  // defeat every rule above.
  { name: 'first-name-birth-date-postcode', strength: 'review', key: (r) => join(normalizeName(r.firstName), r.birthDate, normalizePostalCode(r.postalCode)) },
  { name: 'last-name-birth-date-postcode', strength: 'review', key: (r) => join(normalizeName(r.lastName), r.birthDate, normalizePostalCode(r.postalCode)) },
];

/** Every rule's key for a record, in rule order; what the match index stores and looks up. */
export function matchKeys(record: MatchableRecord): { rule: MatchRule; key: string }[] {
  return MATCH_RULES.flatMap((rule) => {
    const key = rule.key(record);
    return key ? [{ rule, key: `${rule.name}:${key}` }] : [];
  });
}

/**
 * How sure a review proposal is, for ordering a reviewer's queue: the more attributes
 * agree, the higher. An ambiguous strong match (two golden records share the key) sits
 * below the weak rules' certainty because a person must choose between records.
 */
export function reviewScore(rule: string): number {
  if (rule.endsWith('-ambiguous')) return 0.4;
  const scores: Record<string, number> = { 'name-birth-date-postcode': 0.7, 'first-name-birth-date-postcode': 0.5, 'last-name-birth-date-postcode': 0.5 };
  return scores[rule] ?? 0.6;
}
