import { z } from 'zod';
import { GOLDEN_FIELDS, goldenFieldSchema, syncedSystemSchema, type GoldenField, type SyncedSystem } from '@strata/contracts-process-customer-sync';

/**
 * Survivorship as data: per field, either a fixed order of trusted sources or "most
 * recent wins" with a clock-skew tolerance. Operators change the JSON (env
 * `SURVIVORSHIP_RULES`), not the code, when the business decides that, say, the card
 * platform is now the master of phone numbers.
 */
const prioritySchema = z.array(syncedSystemSchema).min(1);

export const fieldRuleSchema = z.discriminatedUnion('strategy', [
  /** The first system in `priority` that has a value wins; a lower one never overrides a higher. */
  z.object({ strategy: z.literal('source-priority'), priority: prioritySchema }),
  /** The newest value wins; changes within `clockSkewMs` of each other are a tie that `priority` breaks. */
  z.object({ strategy: z.literal('most-recent'), priority: prioritySchema }),
]);

export const survivorshipRulesSchema = z.object({
  /** Two changes closer together than this are treated as simultaneous: clocks on different systems drift. */
  clockSkewMs: z.number().int().min(0).max(600_000),
  fields: z.partialRecord(goldenFieldSchema, fieldRuleSchema),
});

export type FieldRule = z.infer<typeof fieldRuleSchema>;
export type SurvivorshipRules = z.infer<typeof survivorshipRulesSchema>;

const IDENTITY_MASTERS: SyncedSystem[] = ['core-banking', 'loan-mainframe', 'card-platform', 'salesforce'];
const CONTACT_TIEBREAK: SyncedSystem[] = ['salesforce', 'core-banking', 'card-platform', 'loan-mainframe'];

/**
 * The defaults: identity (names, birth date, status) belongs to core banking, where it
 * was verified at onboarding; contact details are whatever the customer told anyone
 * last, and on a tie the CRM, where advisors type what the customer just said, wins.
 */
export const DEFAULT_SURVIVORSHIP_RULES: SurvivorshipRules = {
  clockSkewMs: 2000,
  fields: {
    firstName: { strategy: 'source-priority', priority: IDENTITY_MASTERS },
    lastName: { strategy: 'source-priority', priority: IDENTITY_MASTERS },
    birthDate: { strategy: 'source-priority', priority: IDENTITY_MASTERS },
    status: { strategy: 'source-priority', priority: IDENTITY_MASTERS },
    email: { strategy: 'most-recent', priority: CONTACT_TIEBREAK },
    phone: { strategy: 'most-recent', priority: CONTACT_TIEBREAK },
    address: { strategy: 'most-recent', priority: CONTACT_TIEBREAK },
  },
};

/** Parses rules from JSON (the env setting), filling fields it omits from the defaults. */
export function parseSurvivorshipRules(json: string | undefined): SurvivorshipRules {
  if (!json) return DEFAULT_SURVIVORSHIP_RULES;
  const parsed = survivorshipRulesSchema.partial().parse(JSON.parse(json));
  const fields = { ...DEFAULT_SURVIVORSHIP_RULES.fields, ...parsed.fields };
  return { clockSkewMs: parsed.clockSkewMs ?? DEFAULT_SURVIVORSHIP_RULES.clockSkewMs, fields };
}

/** The rule for a field; every golden field has one after parsing. */
export function ruleFor(rules: SurvivorshipRules, field: GoldenField): FieldRule {
  return rules.fields[field] ?? DEFAULT_SURVIVORSHIP_RULES.fields[field] ?? { strategy: 'most-recent', priority: CONTACT_TIEBREAK };
}

export { GOLDEN_FIELDS };
