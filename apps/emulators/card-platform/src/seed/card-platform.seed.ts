import { conflictingContact, createRandom, type Person, respell, type SeedVariation, toAscii } from '@strata/demo-people';
import type { Cardholder, CardStatus } from '../store/cardholder.types';

/** How far the card platform drifts from the bank; each rate is a share of cardholders, 0..1. */
export interface CardSeedOptions {
  /** People with a card id whose record never made it to the platform. Default 0.03. */
  missingRate?: number;
  /** Names typed differently (before the upper-casing). Default 0.06. */
  spellingRate?: number;
  /** Stale phone and/or email. Default 0.05. */
  conflictRate?: number;
  /** Cardholders without the golden key (`CustomerRef`). Default 0.08. */
  unlinkedRate?: number;
}

export interface CardSeed {
  cardholders: Cardholder[];
  variations: SeedVariation[];
}

const DEFAULTS: Required<CardSeedOptions> = { missingRate: 0.03, spellingRate: 0.06, conflictRate: 0.05, unlinkedRate: 0.08 };
const PRODUCTS = ['CLASSIC', 'CLASSIC', 'GOLD', 'PLATINUM', 'BUSINESS'];

/** `1980-04-09` -> `09/04/1980`, the platform's only date format. */
export function toPlatformDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/** The platform's name field: `FAMILY, GIVEN` in ASCII upper case. */
export function toFullName(firstName: string, lastName: string): string {
  return toAscii(`${lastName}, ${firstName}`).toUpperCase();
}

function statusFor(roll: number): CardStatus {
  return roll < 0.9 ? 'OPEN' : roll < 0.97 ? 'BLOCKED' : 'CLOSED';
}

function cardholderFor(person: Person, seed: number | string, rates: Required<CardSeedOptions>): { record?: Cardholder; variations: SeedVariation[] } {
  const random = createRandom('card-platform-cardholder', seed, person.index);
  const variations: SeedVariation[] = [];
  const note = (kind: SeedVariation['kind'], detail: string) => variations.push({ customerKey: person.customerKey, kind, detail });
  if (random.chance(rates.missingRate)) {
    note('missing', 'no cardholder on the card platform');
    return { variations };
  }
  let { firstName, lastName, email, phone } = person;
  if (random.chance(rates.spellingRate)) {
    const respelled = respell(random, person);
    ({ firstName, lastName } = respelled);
    note('spelling', respelled.detail);
  }
  if (random.chance(rates.conflictRate)) {
    const conflict = conflictingContact(random, person);
    ({ email, phone } = conflict);
    note('conflict', conflict.detail);
  }
  const linked = !random.chance(rates.unlinkedRate);
  if (!linked) note('unlinked', 'no CustomerRef');
  const record: Cardholder = {
    CardholderId: person.bankIds.cardPlatform as string,
    ...(linked ? { CustomerRef: person.customerKey } : {}),
    FullName: toFullName(firstName, lastName),
    DateOfBirth: toPlatformDate(person.birthDate),
    EmailAddress: email,
    MobileNumber: phone,
    AddrLine1: toAscii(person.address.street).toUpperCase(),
    AddrLine2: toAscii(person.address.city).toUpperCase(),
    AddrLine3: toAscii(person.address.state).toUpperCase(),
    PostCode: person.address.postalCode,
    CountryCode: person.address.countryCode,
    Status: statusFor(random.next()),
    CardProduct: random.pick(PRODUCTS),
  };
  return { record, variations };
}

/**
 * The platform's starting cardholders: only the people who hold a card id, spelled the
 * platform's way, with the configured drift fixed by `seed`. Each person has their own
 * random stream, so whether someone drifts does not depend on how many are seeded.
 */
export function seedCardPlatform(people: Person[], seed: number | string, options: CardSeedOptions = {}): CardSeed {
  const rates = { ...DEFAULTS, ...options };
  const seeded: CardSeed = { cardholders: [], variations: [] };
  for (const person of people) {
    if (!person.bankIds.cardPlatform) continue;
    const { record, variations } = cardholderFor(person, seed, rates);
    seeded.variations.push(...variations);
    if (record) seeded.cardholders.push(record);
  }
  return seeded;
}
