import { conflictingContact, createRandom, generatePeople, respell, toAscii, type Person, type SeedVariation } from '@strata/demo-people';
import { toMainframeAccount, type BorrowerRecord } from '../store/loan.store';

/** How far the loan book drifts from the bank's master list; each a share of borrowers, 0..1. */
export interface LoanSeedOptions {
  /** Surnames or given names keyed in another way. Default 0.08. */
  spellingRate?: number;
  /** An older phone or email on file. Default 0.08. */
  conflictRate?: number;
  /** Loans opened before golden keys existed: blank customer key. Default 0.06. */
  unlinkedRate?: number;
}

export interface LoanSeed {
  borrowers: BorrowerRecord[];
  variations: SeedVariation[];
}

const DEFAULTS: Required<LoanSeedOptions> = { spellingRate: 0.08, conflictRate: 0.08, unlinkedRate: 0.06 };

/** Upper-case ASCII cut to the field's length, as a 1980s data-entry screen would store it. */
const clip = (value: string, length: number) => toAscii(value).toUpperCase().replace(/[^\x20-\x7E]/g, '').slice(0, length);

/**
 * The loan book for the first `count` people of the shared list: only people with a
 * loan id (`bankIds.loanSystem`) have a record, spelled the mainframe's way (upper-case
 * ASCII, cut to the field widths), with some deliberate drift reported as variations.
 * Deterministic for a given seed, so every run and every system agree.
 */
export function buildLoanSeed(count: number, seed: string, options: LoanSeedOptions = {}): LoanSeed {
  const rates = { ...DEFAULTS, ...options };
  const random = createRandom(seed, 'loan-mainframe');
  const borrowers: BorrowerRecord[] = [];
  const variations: SeedVariation[] = [];
  for (const person of generatePeople(count, seed)) {
    if (!person.bankIds.loanSystem) continue;
    const loanAccount = toMainframeAccount(person.bankIds.loanSystem);
    let { firstName, lastName } = person;
    let { email, phone } = person;
    let customerKey: string = person.customerKey;
    if (random.chance(rates.spellingRate)) {
      const spelled = respell(random, person);
      ({ firstName, lastName } = spelled);
      variations.push({ customerKey: person.customerKey, kind: 'spelling', detail: spelled.detail });
    }
    if (random.chance(rates.conflictRate)) {
      const conflict = conflictingContact(random, person);
      ({ email, phone } = conflict);
      variations.push({ customerKey: person.customerKey, kind: 'conflict', detail: conflict.detail });
    }
    if (random.chance(rates.unlinkedRate)) {
      customerKey = '';
      variations.push({ customerKey: person.customerKey, kind: 'unlinked', detail: `loan ${loanAccount} has no customer key` });
    }
    borrowers.push(borrowerOf(person, { loanAccount, customerKey, firstName, lastName, email, phone }, random));
  }
  return { borrowers, variations };
}

interface Identity {
  loanAccount: string;
  customerKey: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

function borrowerOf(person: Person, who: Identity, random: ReturnType<typeof createRandom>): BorrowerRecord {
  const roll = random.next();
  const statusCode = roll < 0.02 ? 'D' : roll < 0.12 ? 'C' : 'A';
  const overpaid = statusCode === 'C' && random.chance(0.3);
  const balance = statusCode === 'C' ? (overpaid ? -random.int(1, 50_000) / 100 : 0) : random.int(100_000, 90_000_000) / 100;
  return {
    loanAccount: who.loanAccount,
    customerKey: who.customerKey,
    surname: clip(who.lastName, 30),
    givenNames: clip(who.firstName, 30),
    birthDate: person.birthDate,
    email: clip(who.email, 60),
    phone: clip(who.phone, 20),
    street: clip(person.address.street, 40),
    city: clip(person.address.city, 25),
    state: clip(person.address.state, 20),
    postalCode: clip(person.address.postalCode, 10),
    country: person.address.countryCode,
    statusCode,
    balance,
    interestRate: random.int(25_000, 99_999) / 10_000,
    changeDate: `2025-0${random.int(1, 9)}-1${random.int(0, 9)}`,
    changeTime: `1${random.int(0, 9)}:${random.int(10, 59)}:${random.int(10, 59)}`,
  };
}
