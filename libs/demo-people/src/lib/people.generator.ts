import { createHash } from 'node:crypto';
import { CITIES, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, STREETS } from './people.data';
import { createRandom, scatter, SeededRandom } from './seeded-random';

/**
 * The bank's customers as one list every emulator derives its records from.
 *
 * Salesforce seeds contacts from it now; the core-banking, card-platform and loan
 * emulators will seed their own records from the same call later, which is what makes
 * cross-system matching testable: `generatePeople(n, seed)` gives the same people,
 * with the same keys and bank ids, in every process. This file and its two helpers
 * (`people.data.ts`, `seeded-random.ts`) import nothing from the Salesforce emulator
 * so that they can move to a shared lib unchanged.
 */

/** A postal address in the shape most systems store it. */
export interface PostalAddress {
  street: string;
  city: string;
  /** State, province or county. */
  state: string;
  postalCode: string;
  country: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: 'US' | 'GB' | 'CA';
}

/** The person's identifiers in each bank system; not everyone has a card or a loan. */
export interface BankIds {
  /** Every customer has a core-banking record: `CB-` + 6 digits. */
  coreBanking: string;
  /** `CP-` + 6 digits, or null for people without a card (about a quarter). */
  cardPlatform: string | null;
  /** `LN-` + 8 digits, or null for people without a loan (about 60 %). */
  loanSystem: string | null;
}

/** One seeded customer: who they are and how every system knows them. */
export interface Person {
  /** 1-based position in the list; keys and ids are derived from it. */
  index: number;
  /** The golden key that links a person across systems: `CK-000001`. */
  customerKey: string;
  /**
   * People who live together share it and their address (a third join the person
   * before them, up to four to a home); `HH-` + the index of the first member.
   */
  householdId: string;
  salutation: 'Mr.' | 'Ms.' | 'Mrs.' | 'Mx.' | 'Dr.';
  firstName: string;
  lastName: string;
  /** `YYYY-MM-DD`; everyone is between 18 and 90 on 2025-01-01. */
  birthDate: string;
  email: string;
  /** E.164, from a range reserved for fiction. */
  phone: string;
  address: PostalAddress;
  /** A fake US taxpayer number (`9xx-xx-xxxx`, never issued as an SSN), unique per person. */
  taxId: string;
  /** sha256 hex of `taxId`: what systems that must not hold the number compare. */
  taxIdHash: string;
  bankIds: BankIds;
}

/** Keys are six digits, so a list holds at most this many people. */
export const MAX_PEOPLE = 999_999;
const REFERENCE_YEAR = 2025;

/** The text with diacritics removed (`José` -> `Jose`, `Søren` -> `Soren`), as systems without Unicode store names. */
export function toAscii(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ø/g, 'o').replace(/Ø/g, 'O');
}

function emailFor(random: SeededRandom, first: string, last: string, taken: Set<string>, index: number): string {
  const [f, l] = [first, last].map((n) => toAscii(n).toLowerCase().replace(/[^a-z]/g, ''));
  const local = random.pick([`${f}.${l}`, `${f}${l}`, `${f[0]}.${l}`, `${f}_${l}`, `${f}.${l}${random.int(1, 99)}`]);
  const domain = random.pick(EMAIL_DOMAINS);
  const email = taken.has(`${local}@${domain}`) ? `${local}.${index}@${domain}` : `${local}@${domain}`;
  taken.add(email);
  return email;
}

function birthDateFor(random: SeededRandom): string {
  const year = REFERENCE_YEAR - random.int(19, 90);
  const month = random.int(1, 12);
  const day = random.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function addressFor(random: SeededRandom): { address: PostalAddress; phonePrefix: string } {
  const city = random.pick(CITIES);
  const postalCode = city.postalPattern.replace(/[#@]/g, (c) => (c === '#' ? random.digits(1) : String.fromCharCode(65 + random.int(0, 25))));
  const street = `${random.int(1, 2400)} ${random.pick(STREETS)}`;
  const address = { street, city: city.city, state: city.state, postalCode, country: city.country, countryCode: city.countryCode };
  return { address, phonePrefix: city.phonePrefix };
}

function salutationFor(random: SeededRandom, gender: 'female' | 'male'): Person['salutation'] {
  if (random.chance(0.05)) return 'Dr.';
  if (random.chance(0.02)) return 'Mx.';
  if (gender === 'male') return 'Mr.';
  return random.chance(0.3) ? 'Mrs.' : 'Ms.';
}

function taxIdFor(index: number, seed: number | string): string {
  const n = String(scatter(index, 8, `tax:${seed}`)).padStart(8, '0');
  return `9${n.slice(0, 2)}-${n.slice(2, 4)}-${n.slice(4)}`;
}

function bankIdsFor(random: SeededRandom, index: number, seed: number | string): BankIds {
  const id = (prefix: string, digits: number) => `${prefix}-${String(scatter(index, digits, `${prefix}:${seed}`)).padStart(digits, '0')}`;
  return {
    coreBanking: id('CB', 6),
    cardPlatform: random.chance(0.75) ? id('CP', 6) : null,
    loanSystem: random.chance(0.4) ? id('LN', 8) : null,
  };
}

/** The previous person and how many live in their home, for the next person to join it. */
interface Household {
  previous: Person;
  size: number;
}

function personAt(index: number, seed: number | string, takenEmails: Set<string>, household?: Household): Person {
  const random = createRandom('person', seed, index);
  const first = random.pick(FIRST_NAMES);
  const own = { lastName: random.pick(LAST_NAMES), ...addressFor(random) };
  const home = household && household.size < 4 && random.chance(0.3) ? household.previous : undefined;
  const lastName = home && random.chance(0.75) ? home.lastName : own.lastName;
  const address = home ? { ...home.address } : own.address;
  const phonePrefix = home ? (CITIES.find((c) => c.city === home.address.city)?.phonePrefix ?? own.phonePrefix) : own.phonePrefix;
  const phone = phonePrefix + random.digits(phonePrefix.startsWith('+44') ? 3 : 2);
  const taxId = taxIdFor(index, seed);
  return {
    index,
    customerKey: `CK-${String(index).padStart(6, '0')}`,
    householdId: home ? home.householdId : `HH-${String(index).padStart(6, '0')}`,
    salutation: salutationFor(random, first.gender),
    firstName: first.name,
    lastName,
    birthDate: birthDateFor(random),
    email: emailFor(random, first.name, lastName, takenEmails, index),
    phone,
    address,
    taxId,
    taxIdHash: createHash('sha256').update(taxId).digest('hex'),
    bankIds: bankIdsFor(random, index, seed),
  };
}

/**
 * `count` people for `seed`, identical on every call, machine and process. Each person
 * comes from their own random stream, so the first 10 of `generatePeople(1000, s)`
 * are `generatePeople(10, s)`: emulators seeded with different sizes still agree on
 * the people they share (a person depends only on the seed, their index and the one
 * before them). Keys, tax ids and bank ids are unique within a list.
 */
export function generatePeople(count: number, seed: number | string): Person[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_PEOPLE) throw new RangeError(`count must be 0..${MAX_PEOPLE}: ${count}`);
  const takenEmails = new Set<string>();
  const people: Person[] = [];
  let household: Household | undefined;
  for (let index = 1; index <= count; index++) {
    const person = personAt(index, seed, takenEmails, household);
    const joined = household !== undefined && person.householdId === household.previous.householdId;
    household = { previous: person, size: joined && household ? household.size + 1 : 1 };
    people.push(person);
  }
  return people;
}
