import { createHash } from 'node:crypto';
import { generatePeople, MAX_PEOPLE, toAscii } from './people.generator';

describe('generatePeople', () => {
  const people = generatePeople(500, 42);

  it('gives the same people for the same seed, in every call', () => {
    expect(generatePeople(500, 42)).toEqual(people);
  });

  it('gives other people for another seed', () => {
    const other = generatePeople(500, 43);
    expect(other.map((p) => p.email)).not.toEqual(people.map((p) => p.email));
    expect(other.map((p) => p.bankIds.coreBanking)).not.toEqual(people.map((p) => p.bankIds.coreBanking));
  });

  it('gives a shorter list that is the start of a longer one, so emulators of different sizes agree', () => {
    expect(generatePeople(37, 42)).toEqual(people.slice(0, 37));
  });

  it('numbers golden keys from CK-000001 and households from their first member', () => {
    expect(people[0]).toMatchObject({ index: 1, customerKey: 'CK-000001', householdId: 'HH-000001' });
    expect(people[499].customerKey).toBe('CK-000500');
  });

  it('gives every person well-formed identifiers, unique across the list', () => {
    const unique = (values: (string | null)[]) => new Set(values.filter((v) => v !== null)).size;
    for (const p of people) {
      expect(p.bankIds.coreBanking).toMatch(/^CB-\d{6}$/);
      if (p.bankIds.cardPlatform !== null) expect(p.bankIds.cardPlatform).toMatch(/^CP-\d{6}$/);
      if (p.bankIds.loanSystem !== null) expect(p.bankIds.loanSystem).toMatch(/^LN-\d{8}$/);
      expect(p.taxId).toMatch(/^9\d{2}-\d{2}-\d{4}$/);
    }
    expect(unique(people.map((p) => p.customerKey))).toBe(500);
    expect(unique(people.map((p) => p.bankIds.coreBanking))).toBe(500);
    expect(unique(people.map((p) => p.bankIds.cardPlatform))).toBe(people.filter((p) => p.bankIds.cardPlatform).length);
    expect(unique(people.map((p) => p.bankIds.loanSystem))).toBe(people.filter((p) => p.bankIds.loanSystem).length);
    expect(unique(people.map((p) => p.taxId))).toBe(500);
    expect(unique(people.map((p) => p.email.toLowerCase()))).toBe(500);
  });

  it('gives cards to most people and loans to fewer', () => {
    const cards = people.filter((p) => p.bankIds.cardPlatform).length;
    const loans = people.filter((p) => p.bankIds.loanSystem).length;
    expect(cards).toBeGreaterThan(325);
    expect(cards).toBeLessThan(425);
    expect(loans).toBeGreaterThan(150);
    expect(loans).toBeLessThan(250);
  });

  it('hashes the tax id with sha256', () => {
    for (const p of people.slice(0, 20)) expect(p.taxIdHash).toBe(createHash('sha256').update(p.taxId).digest('hex'));
  });

  it('uses phone numbers reserved for fiction, in E.164', () => {
    for (const p of people) expect(p.phone).toMatch(/^\+1\d{3}55501\d{2}$|^\+447700900\d{3}$/);
    for (const p of people) expect(p.email).toMatch(/^[a-z._0-9]+@(example\.(com|net|org)|mail\.example|post\.example)$/);
  });

  it('makes adults of 18 to 90 with real calendar dates', () => {
    for (const p of people) {
      const [year, month, day] = p.birthDate.split('-').map(Number);
      expect(new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10)).toBe(p.birthDate);
      expect(year).toBeGreaterThanOrEqual(1935);
      expect(year).toBeLessThanOrEqual(2006);
    }
  });

  it('writes addresses that fit their country', () => {
    for (const { address } of people) {
      const pattern = { US: /^\d{5}$/, GB: /^[A-Z0-9]{2,4} \d[A-Z]{2}$/, CA: /^[A-Z]\d[A-Z] \d[A-Z]\d$/ }[address.countryCode];
      expect(address.postalCode).toMatch(pattern);
      expect(address.street).toMatch(/^\d+ \S/);
    }
    expect(new Set(people.map((p) => p.address.countryCode))).toEqual(new Set(['US', 'GB', 'CA']));
  });

  it('has diverse names, some with diacritics', () => {
    expect(new Set(people.map((p) => p.firstName)).size).toBeGreaterThan(40);
    expect(new Set(people.map((p) => p.lastName)).size).toBeGreaterThan(40);
    expect(people.some((p) => toAscii(p.firstName) !== p.firstName || toAscii(p.lastName) !== p.lastName)).toBe(true);
  });

  it('puts some people in shared homes, sharing the address and usually the surname', () => {
    const shared = people.filter((p, i) => i > 0 && p.householdId === people[i - 1].householdId);
    expect(shared.length).toBeGreaterThan(50);
    for (const p of shared) {
      const head = people.find((q) => q.customerKey === `CK-${p.householdId.slice(3)}`);
      expect(p.address).toEqual(head?.address);
    }
    const sizes = new Map<string, number>();
    for (const p of people) sizes.set(p.householdId, (sizes.get(p.householdId) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(4);
  });

  it('accepts string seeds and refuses impossible counts', () => {
    expect(generatePeople(3, 'demo')).toEqual(generatePeople(3, 'demo'));
    expect(generatePeople(0, 1)).toEqual([]);
    expect(() => generatePeople(-1, 1)).toThrow(RangeError);
    expect(() => generatePeople(MAX_PEOPLE + 1, 1)).toThrow(RangeError);
  });
});

describe('toAscii', () => {
  it('drops diacritics the way systems without Unicode store names', () => {
    expect(['José', 'Søren', 'Núñez', 'Lefèvre', 'Zoë', 'Siobhán'].map(toAscii)).toEqual(['Jose', 'Soren', 'Nunez', 'Lefevre', 'Zoe', 'Siobhan']);
  });
});
