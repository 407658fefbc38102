import { conflictingContact, createRandom, respell, toAscii, type Person, type SeedVariation } from '@strata/demo-people';
import type { PartyBody } from '../party/party.types';

export type { SeedVariation } from '@strata/demo-people';

/** How far the bank's copy drifts from the people list; each rate is a share of people, 0..1. */
export interface CoreBankingSeedOptions {
  /** Parties whose name a clerk typed differently. Default 0.05. */
  spellingRate?: number;
  /** Parties with an old phone and/or email. Default 0.05. */
  conflictRate?: number;
  /** Parties opened before the CRM existed: no `CRM` reference. Default 0.08. */
  unlinkedRate?: number;
}

/** One party to load, with the id and timestamp it was "opened" with. */
export interface SeedParty {
  customerKey: string;
  partyId: string;
  modifiedAt: string;
  body: PartyBody;
}

export interface CoreBankingSeed {
  parties: SeedParty[];
  variations: SeedVariation[];
}

const DEFAULTS: Required<CoreBankingSeedOptions> = { spellingRate: 0.05, conflictRate: 0.05, unlinkedRate: 0.08 };
/** Seeded parties were last changed in 2025; two people share each minute, so timestamps collide. */
const SEED_EPOCH = Date.UTC(2025, 0, 1);

/** `CB-000042` -> `P000000042`: the bank's party id behind the id other systems quote. */
export function partyIdFor(coreBankingId: string): string {
  return `P${coreBankingId.replace(/^CB-/, '').padStart(9, '0')}`;
}

const compactDate = (iso: string) => iso.replace(/-/g, '');
const bankTimestamp = (ms: number) => new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);

/**
 * The party as the bank keeps it: names in plain ASCII (the bank's character set has no
 * accents), the birth date as `YYYYMMDD`, the region in address line 3, one-letter
 * status. Each person has their own random stream, so drift does not depend on count.
 */
function partyFor(person: Person, seed: number | string, rates: Required<CoreBankingSeedOptions>): { party: SeedParty; variations: SeedVariation[] } {
  const random = createRandom('core-banking-party', seed, person.index);
  const variations: SeedVariation[] = [];
  const note = (kind: SeedVariation['kind'], detail: string) => variations.push({ customerKey: person.customerKey, kind, detail });
  let { firstName, lastName, email, phone } = person;
  if (random.chance(rates.spellingRate)) {
    ({ firstName, lastName } = respell(random, person));
    note('spelling', `${person.firstName} ${person.lastName} -> ${firstName} ${lastName}`);
  }
  if (random.chance(rates.conflictRate)) {
    const conflict = conflictingContact(random, person);
    ({ email, phone } = conflict);
    note('conflict', conflict.detail);
  }
  const linked = !random.chance(rates.unlinkedRate);
  if (!linked) note('unlinked', 'no CRM reference');
  const roll = random.next();
  const body: PartyBody = {
    externalRefs: linked ? [{ scheme: 'CRM', value: person.customerKey }] : [],
    legalName: { givenNames: toAscii(firstName), familyName: toAscii(lastName) },
    birthDate: compactDate(person.birthDate),
    taxIdHash: person.taxIdHash,
    contact: { email, phone },
    address: { line1: person.address.street, line2: null, line3: person.address.state, city: person.address.city, postcode: person.address.postalCode, countryCode: person.address.countryCode },
    statusCode: roll < 0.01 ? 'D' : roll < 0.05 ? 'I' : 'A',
  };
  const modifiedAt = bankTimestamp(SEED_EPOCH + Math.floor(person.index / 2) * 60_000);
  return { party: { customerKey: person.customerKey, partyId: partyIdFor(person.bankIds.coreBanking), modifiedAt, body }, variations };
}

/**
 * The bank's starting data: every person has a party (everyone banks here; the id is
 * their `CB-` number), with the configured drift. `variations` lists every deliberate
 * difference so tests can assert on the truth.
 */
export function seedCoreBanking(people: Person[], seed: number | string, options: CoreBankingSeedOptions = {}): CoreBankingSeed {
  const rates = { ...DEFAULTS, ...options };
  for (const [name, rate] of Object.entries(rates)) if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${name} must be between 0 and 1: ${rate}`);
  const seeded: CoreBankingSeed = { parties: [], variations: [] };
  for (const person of people) {
    const { party, variations } = partyFor(person, seed, rates);
    seeded.parties.push(party);
    seeded.variations.push(...variations);
  }
  return seeded;
}
