import type { GoldenField, SyncedSystem } from '@strata/contracts-process-customer-sync';
import { applyCandidate, type Candidate, type GoldenValues } from './survivorship';
import { DEFAULT_SURVIVORSHIP_RULES, parseSurvivorshipRules } from './survivorship.rules';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const from = (system: SyncedSystem, at: number, values: Candidate['values']): Candidate => ({ system, at, values });

/** Applies candidates in order, as the intake would, and returns the final values. */
function settle(candidates: Candidate[], rules = DEFAULT_SURVIVORSHIP_RULES): GoldenValues {
  return candidates.reduce<GoldenValues>((golden, candidate) => applyCandidate(golden, candidate, rules).values, {});
}

const valueOf = (golden: GoldenValues, field: GoldenField) => golden[field]?.value;

describe('survivorship', () => {
  it('takes identity from the highest-priority system whatever order the systems report in', () => {
    const salesforce = from('salesforce', T0 + 60_000, { lastName: 'Nunez' });
    const bank = from('core-banking', T0, { lastName: 'Núñez' });

    expect(valueOf(settle([salesforce, bank]), 'lastName')).toBe('Núñez');
    expect(valueOf(settle([bank, salesforce]), 'lastName')).toBe('Núñez');
  });

  it('lets the newest contact detail win when the changes are further apart than the clock skew', () => {
    const older = from('core-banking', T0, { email: 'old@example.com' });
    const newer = from('card-platform', T0 + 10_000, { email: 'new@example.com' });

    expect(valueOf(settle([older, newer]), 'email')).toBe('new@example.com');
    expect(valueOf(settle([newer, older]), 'email')).toBe('new@example.com');
  });

  it('resolves two changes within the clock skew by priority, the same way in either order, keeping the loser visible', () => {
    const crm = from('salesforce', T0 + 500, { phone: '+14155550100' });
    const bank = from('core-banking', T0, { phone: '+14155550199' });

    const crmFirst = applyCandidate(settle([crm]), bank, DEFAULT_SURVIVORSHIP_RULES);
    const bankFirst = applyCandidate(settle([bank]), crm, DEFAULT_SURVIVORSHIP_RULES);

    expect(valueOf(crmFirst.values, 'phone')).toBe('+14155550100');
    expect(valueOf(bankFirst.values, 'phone')).toBe('+14155550100');
    expect(crmFirst.rejected).toEqual([{ field: 'phone', value: '+14155550199', system: 'core-banking', rule: 'most-recent-tie-priority' }]);
    expect(bankFirst.changes[0]).toMatchObject({ field: 'phone', from: '+14155550199', to: { system: 'salesforce', rule: 'most-recent-tie-priority' } });
  });

  it('never lets an empty value clear a field, and reports no change when the value is the same', () => {
    const golden = settle([from('core-banking', T0, { email: 'a@example.com' })]);
    const outcome = applyCandidate(golden, from('salesforce', T0 + 10_000, { email: '', phone: null, lastName: undefined }), DEFAULT_SURVIVORSHIP_RULES);
    const same = applyCandidate(golden, from('salesforce', T0 + 10_000, { email: 'a@example.com' }), DEFAULT_SURVIVORSHIP_RULES);

    expect(outcome.changes).toEqual([]);
    expect(valueOf(outcome.values, 'email')).toBe('a@example.com');
    expect(same.changes).toEqual([]);
  });

  it('follows rules given as data: make the card platform the master of phone numbers', () => {
    const rules = parseSurvivorshipRules(JSON.stringify({ fields: { phone: { strategy: 'source-priority', priority: ['card-platform', 'salesforce'] } } }));
    const golden = settle([from('card-platform', T0, { phone: '+14155550111' }), from('salesforce', T0 + 3_600_000, { phone: '+14155550222', email: 'x@example.com' })], rules);

    expect(valueOf(golden, 'phone')).toBe('+14155550111');
    expect(valueOf(golden, 'email')).toBe('x@example.com');
    expect(rules.clockSkewMs).toBe(DEFAULT_SURVIVORSHIP_RULES.clockSkewMs);
  });

  it('refuses rules naming an unknown system or strategy', () => {
    expect(() => parseSurvivorshipRules('{"fields":{"phone":{"strategy":"loudest","priority":["salesforce"]}}}')).toThrow();
    expect(() => parseSurvivorshipRules('{"fields":{"phone":{"strategy":"source-priority","priority":["erp"]}}}')).toThrow();
  });
});

describe('survivorship with systems that spell values their own way', () => {
  it('treats an upper-case, accent-free or reformatted value as the same value: no change, no rejection', () => {
    const golden = settle([from('core-banking', T0, { lastName: 'Núñez', phone: '+1 415 555 0100', address: { street: '12 Elm St', city: 'Springfield', state: null, postalCode: '62701', country: 'US' } })]);
    const card = applyCandidate(golden, from('card-platform', T0 + 60_000, { lastName: 'NUNEZ', phone: '+14155550100', address: { street: '12 ELM ST', city: 'SPRINGFIELD', state: null, postalCode: '62701', country: 'US' } }), DEFAULT_SURVIVORSHIP_RULES);

    expect(card.changes).toEqual([]);
    expect(card.rejected).toEqual([]);
  });
});
