import type { GoldenField, ValueSource } from '@strata/contracts-process-customer-sync';
import { sameValue } from './field-equivalence';
import { GOLDEN_FIELDS, ruleFor, type FieldRule, type SurvivorshipRules } from './survivorship.rules';

/** A golden field's value and where it came from. */
export interface SourcedValue {
  value: unknown;
  system: ValueSource;
  /** When the source system says it changed (ms since epoch). */
  at: number;
  rule: string;
}

/** The golden values being decided, field by field (absent: no value yet). */
export type GoldenValues = Partial<Record<GoldenField, SourcedValue>>;

/** What one system now says about a customer; null and absent fields are not candidates. */
export interface Candidate {
  system: ValueSource;
  at: number;
  values: Partial<Record<GoldenField, unknown>>;
}

export interface FieldDecision {
  field: GoldenField;
  from: unknown;
  to: SourcedValue;
}

export interface Rejection {
  field: GoldenField;
  value: unknown;
  system: ValueSource;
  rule: string;
}

export interface SurvivorshipOutcome {
  values: GoldenValues;
  changes: FieldDecision[];
  rejected: Rejection[];
}

/**
 * Applies one system's values to the golden values by the rules. The result does not
 * depend on the order in which systems' changes arrive: a source-priority field always
 * ends with the highest-priority system's value, and a most-recent field with the
 * newest, ties within the clock skew going to the higher-priority system. That is what
 * makes a conflict "resolve the same way on every run".
 */
export function applyCandidate(golden: GoldenValues, candidate: Candidate, rules: SurvivorshipRules): SurvivorshipOutcome {
  const values: GoldenValues = { ...golden };
  const changes: FieldDecision[] = [];
  const rejected: Rejection[] = [];
  for (const field of GOLDEN_FIELDS) {
    const value = candidate.values[field];
    if (value === undefined || value === null || isBlank(value)) continue;
    const current = values[field];
    const rule = ruleFor(rules, field);
    const verdict = decide(rule, current, candidate, rules.clockSkewMs);
    // The same value spelled a system's way (upper case, no accents, another phone format)
    // is no change, and no conflict either: letting it win would flip the golden record
    // between spellings forever. Only a strictly more trusted source may replace the
    // spelling of an identity field (the bank's `Núñez` over the CRM's `Nunez`).
    if (current && sameValue(field, current.value, value) && !verdict.outranks) continue;
    if (!verdict.wins) {
      rejected.push({ field, value, system: candidate.system, rule: verdict.rule });
      continue;
    }
    const next = { value, system: candidate.system, at: candidate.at, rule: verdict.rule };
    values[field] = next;
    changes.push({ field, from: current?.value ?? null, to: next });
  }
  return { values, changes, rejected };
}

interface Verdict {
  wins: boolean;
  rule: string;
  /** A source-priority field, and the candidate's system is strictly more trusted than the current one's. */
  outranks: boolean;
}

function decide(rule: FieldRule, current: SourcedValue | undefined, candidate: Candidate, skewMs: number): Verdict {
  if (!current) return { wins: true, rule: 'only-source', outranks: false };
  const rank = (system: ValueSource) => {
    const at = (rule.priority as readonly ValueSource[]).indexOf(system);
    return at === -1 ? rule.priority.length : at;
  };
  const byPriority = rank(candidate.system) <= rank(current.system);
  if (rule.strategy === 'source-priority') return { wins: byPriority, rule: 'source-priority', outranks: rank(candidate.system) < rank(current.system) };
  if (candidate.system === current.system) return { wins: candidate.at >= current.at, rule: 'most-recent', outranks: false };
  if (Math.abs(candidate.at - current.at) <= skewMs) return { wins: byPriority, rule: 'most-recent-tie-priority', outranks: false };
  return { wins: candidate.at > current.at, rule: 'most-recent', outranks: false };
}

/** No value at all: an empty string, or an object (address) whose parts are all empty. */
export function isBlank(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() === '';
  if (value && typeof value === 'object') return Object.values(value).every((v) => v === null || v === undefined || v === '');
  return false;
}
