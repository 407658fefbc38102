import { matchKeys, normalizeName } from './match-keys';

describe('match keys', () => {
  it('builds the same keys for one person spelled two ways, in rule order', () => {
    const bank = { taxIdHash: 'ABC', email: 'Ana.Nunez@Example.com', birthDate: '1980-01-02', firstName: 'Ana', lastName: 'Núñez', postalCode: 'sw1a 1aa' };
    const card = { taxIdHash: 'abc', email: 'ana.nunez@example.com ', birthDate: '1980-01-02', firstName: 'ANA', lastName: 'NUNEZ', postalCode: 'SW1A1AA' };

    expect(matchKeys(bank).map((k) => k.key)).toEqual(matchKeys(card).map((k) => k.key));
    expect(matchKeys(bank).map((k) => [k.rule.name, k.rule.strength])).toEqual([
      ['tax-id-hash', 'link'],
      ['email-and-birth-date', 'link'],
      ['name-birth-date-postcode', 'review'],
      ['first-name-birth-date-postcode', 'review'],
      ['last-name-birth-date-postcode', 'review'],
    ]);
  });

  it('still proposes a review when one name part is spelled differently and the email disagrees', () => {
    const bank = { email: 'jonathansmith.1961@example.com', birthDate: '1961-09-20', firstName: 'Jonathan', lastName: 'Smith', postalCode: '97291' };
    const crm = { email: 'jonathansmith@example.net', birthDate: '1961-09-20', firstName: 'JONATHAN', lastName: 'SMYTH', postalCode: '97291' };
    const shared = matchKeys(bank).filter((k) => matchKeys(crm).some((c) => c.key === k.key));
    expect(shared.map((k) => [k.rule.name, k.rule.strength])).toEqual([['first-name-birth-date-postcode', 'review']]);
  });

  it('skips a rule when the record lacks one of its attributes', () => {
    expect(matchKeys({ email: 'a@example.com', firstName: 'A', lastName: 'B', postalCode: 'X1' }).map((k) => k.rule.name)).toEqual([]);
    expect(matchKeys({ email: 'a@example.com', birthDate: '1990-01-01' }).map((k) => k.rule.name)).toEqual(['email-and-birth-date']);
  });

  it('folds case, accents, hyphens and spaces out of names', () => {
    expect(normalizeName(" O'Brien-Søren ")).toBe('obriensoren');
    expect(normalizeName('')).toBeNull();
  });
});
