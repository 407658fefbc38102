import { generatePeople } from '@strata/demo-people';
import { seedCardPlatform, toFullName, toPlatformDate } from './card-platform.seed';

describe('the card platform seed', () => {
  const people = generatePeople(400, 'strata');
  const seeded = seedCardPlatform(people, 'strata');

  it('holds only people with a card id, under that id, spelled the platform way', () => {
    const byId = new Map(people.filter((p) => p.bankIds.cardPlatform).map((p) => [p.bankIds.cardPlatform, p]));
    expect(seeded.cardholders.length).toBeGreaterThan(0.9 * byId.size);
    expect(seeded.cardholders.length).toBeLessThanOrEqual(byId.size);
    for (const record of seeded.cardholders) {
      const person = byId.get(record.CardholderId);
      expect(person).toBeDefined();
      expect(record.FullName).toMatch(/^[A-Z' .-]+, [A-Z' .-]+$/);
      expect(record.DateOfBirth).toBe(toPlatformDate(person?.birthDate ?? ''));
      if (record.CustomerRef) expect(record.CustomerRef).toBe(person?.customerKey);
    }
  });

  it('drifts some records from the bank and says which', () => {
    const kinds = new Set(seeded.variations.map((v) => v.kind));
    expect([...kinds].sort()).toEqual(['conflict', 'missing', 'spelling', 'unlinked']);
    const unlinked = seeded.variations.filter((v) => v.kind === 'unlinked').length;
    expect(seeded.cardholders.filter((c) => !c.CustomerRef)).toHaveLength(unlinked);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(seedCardPlatform(people, 'strata')).toEqual(seeded);
    expect(seedCardPlatform(people, 'other').variations).not.toEqual(seeded.variations);
  });

  it('writes names as FAMILY, GIVEN in ASCII upper case and dates as DD/MM/YYYY', () => {
    expect(toFullName('José', 'Núñez')).toBe('NUNEZ, JOSE');
    expect(toPlatformDate('1980-04-09')).toBe('09/04/1980');
  });
});
