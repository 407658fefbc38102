import { generatePeople } from '@strata/demo-people';
import { partyIdFor, seedCoreBanking } from './core-banking.seed';

const people = generatePeople(400, 'strata');

describe('the core-banking seed', () => {
  it('gives every person a party whose id is derived from their CB- number, deterministically', () => {
    const seeded = seedCoreBanking(people, 'strata');
    expect(seeded.parties).toHaveLength(people.length);
    expect(seeded.parties[0]).toMatchObject({ customerKey: 'CK-000001', partyId: partyIdFor(people[0]!.bankIds.coreBanking) });
    expect(seeded.parties[0]!.partyId).toMatch(/^P\d{9}$/);
    expect(seedCoreBanking(people, 'strata')).toEqual(seeded);
    expect(seedCoreBanking(people, 'other').variations).not.toEqual(seeded.variations);
  });

  it("stores people the bank's way: ASCII names, YYYYMMDD dates, region in line 3, one-letter status", () => {
    const { parties } = seedCoreBanking(people, 'strata');
    const party = parties[0]!;
    expect(party.body.birthDate).toBe(people[0]!.birthDate.replace(/-/g, ''));
    expect(party.body.address.line3).toBe(people[0]!.address.state);
    expect(parties.every((p) => /^[\x20-\x7e]*$/.test(`${p.body.legalName.givenNames}${p.body.legalName.familyName}`))).toBe(true);
    expect(new Set(parties.map((p) => p.body.statusCode))).toEqual(new Set(['A', 'I', 'D']));
  });

  it('drifts some parties (spelling, contact conflicts, unlinked) and the variations name exactly those', () => {
    const { parties, variations } = seedCoreBanking(people, 'strata');
    const kinds = new Set(variations.map((v) => v.kind));
    expect(kinds).toEqual(new Set(['spelling', 'conflict', 'unlinked']));
    const unlinked = new Set(variations.filter((v) => v.kind === 'unlinked').map((v) => v.customerKey));
    expect(parties.filter((p) => p.body.externalRefs.length === 0).map((p) => p.customerKey)).toEqual([...unlinked]);
    expect(unlinked.size / people.length).toBeGreaterThan(0.03);
    expect(unlinked.size / people.length).toBeLessThan(0.15);
  });

  it('gives pairs of parties the same modifiedAt second, as a busy bank does', () => {
    const { parties } = seedCoreBanking(people, 'strata');
    expect(new Set(parties.map((p) => p.modifiedAt)).size).toBeLessThan(parties.length);
  });
});
