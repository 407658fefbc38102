import { Person } from '@strata/demo-people';
import { conflictingContact, respell, SeedVariation } from '@strata/demo-people';
import { createRandom, SeededRandom } from '@strata/demo-people';

export type { SeedVariation, SeedVariationKind } from '@strata/demo-people';

/** How far the CRM drifts from the bank; each rate is a share of people, 0..1. */
export interface SalesforceSeedOptions {
  /** People with no contact at all (never entered in the CRM). Default 0.05. */
  missingRate?: number;
  /** Contacts whose name is spelled differently. Default 0.08. */
  spellingRate?: number;
  /** Contacts whose phone and/or email disagree with the bank's. Default 0.06. */
  conflictRate?: number;
  /** Contacts without the golden key or bank ids, to be matched on attributes. Default 0.1. */
  unlinkedRate?: number;
}

/** Field values for one create, ready for `validateWrite`; the value type the REST body carries. */
export type SeedValues = Record<string, string | number | boolean>;

/** An account to create; `ref` lets contacts point at it before the store has given it an id. */
export interface SeedAccount {
  ref: string;
  values: SeedValues;
}

/** A contact to create after its account; the store sets `AccountId` from `accountRef`. */
export interface SeedContact {
  customerKey: string;
  accountRef: string;
  values: SeedValues;
}

/** What to load into the org, and the deliberate differences from the people list. */
export interface SalesforceSeed {
  accounts: SeedAccount[];
  contacts: SeedContact[];
  variations: SeedVariation[];
}

const DEFAULTS: Required<SalesforceSeedOptions> = { missingRate: 0.05, spellingRate: 0.08, conflictRate: 0.06, unlinkedRate: 0.1 };
const COMPANIES = [
  'Northwind Traders', 'Contoso Ltd', 'Fabrikam Inc', 'Tailspin Toys', 'Wide World Importers', 'Adventure Works',
  'Litware Inc', 'Proseware Inc', 'Woodgrove Foods', 'Alpine Ski House', 'Blue Yonder Airlines', 'Coho Winery',
  'Fourth Coffee', 'Lucerne Publishing', 'Trey Research', 'Wingtip Toys', 'Humongous Insurance', 'Datum Corporation',
];
const INDUSTRIES = ['Retail', 'Manufacturing', 'Technology', 'Transportation', 'Food & Beverage', 'Insurance', 'Media', 'Consulting'];
const TITLES = ['Engineer', 'Accountant', 'Sales Manager', 'Analyst', 'Director of Operations', 'Nurse', 'Teacher', 'Designer', 'CFO'];
const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Other'];
const CHANNEL_SETS = ['Email', 'Email;Phone', 'Phone', 'Email;SMS', 'Post', 'Email;Phone;SMS;Post'];

/** People grouped by the home they share, in people order. */
function households(people: Person[]): Person[][] {
  const homes: Person[][] = [];
  for (const person of people) {
    const last = homes[homes.length - 1];
    if (last && last[0].householdId === person.householdId) last.push(person);
    else homes.push([person]);
  }
  return homes;
}

function householdAccount(ref: string, head: SeedValues): SeedAccount {
  return {
    ref,
    values: {
      Name: `${head.LastName} Household`, Type: 'Household', AccountNumber: ref,
      BillingStreet: head.MailingStreet, BillingCity: head.MailingCity, BillingState: head.MailingState,
      BillingPostalCode: head.MailingPostalCode, BillingCountry: head.MailingCountry,
    },
  };
}

function employerAccount(ref: string, random: SeededRandom, employerNumber: number, head: SeedValues): SeedAccount {
  const company = COMPANIES[employerNumber % COMPANIES.length];
  const name = employerNumber < COMPANIES.length ? company : `${company} - ${head.MailingCity}`;
  return {
    ref,
    values: {
      Name: name, Type: 'Customer - Direct', AccountNumber: ref, Industry: random.pick(INDUSTRIES),
      NumberOfEmployees: random.int(20, 20_000), AnnualRevenue: random.int(1, 500) * 100_000,
      Website: `https://www.${company.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
      BillingCity: head.MailingCity, BillingState: head.MailingState, BillingCountry: head.MailingCountry,
    },
  };
}

/** Ids that link the contact to the bank's systems; absent for unlinked contacts. */
function keysOf(person: Person): SeedValues {
  const keys: SeedValues = { Customer_Key__c: person.customerKey, Core_Banking_Id__c: person.bankIds.coreBanking };
  if (person.bankIds.cardPlatform) keys.Card_Platform_Id__c = person.bankIds.cardPlatform;
  if (person.bankIds.loanSystem) keys.Loan_System_Id__c = person.bankIds.loanSystem;
  return keys;
}

/**
 * The person as the CRM holds them after their share of the configured drift, or no
 * values when they are missing. Each person has their own random stream, so whether
 * someone drifts does not depend on how many people are seeded.
 */
function contactFor(
  person: Person,
  seed: number | string,
  rates: Required<SalesforceSeedOptions>,
  employed: boolean,
): { values?: SeedValues; variations: SeedVariation[] } {
  const random = createRandom('salesforce-contact', seed, person.index);
  const variations: SeedVariation[] = [];
  const note = (kind: SeedVariation['kind'], detail: string) => variations.push({ customerKey: person.customerKey, kind, detail });
  if (random.chance(rates.missingRate)) {
    note('missing', 'no contact in Salesforce');
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
  if (!linked) note('unlinked', 'no customer key or bank ids');
  const values: SeedValues = {
    Salutation: person.salutation, FirstName: firstName, LastName: lastName, Email: email, MobilePhone: phone,
    Birthdate: person.birthDate, MailingStreet: person.address.street, MailingCity: person.address.city,
    MailingState: person.address.state, MailingPostalCode: person.address.postalCode, MailingCountry: person.address.country,
    HasOptedOutOfEmail: random.chance(0.1), LeadSource: random.pick(LEAD_SOURCES),
    Preferred_Channels__c: random.pick(CHANNEL_SETS), Customer_Status__c: random.chance(0.04) ? 'Inactive' : 'Active',
    ...(employed ? { Title: random.pick(TITLES) } : {}),
    ...(linked ? keysOf(person) : {}),
  };
  return { values, variations };
}

function checkRates(options: SalesforceSeedOptions): Required<SalesforceSeedOptions> {
  const rates = { ...DEFAULTS, ...options };
  for (const [name, rate] of Object.entries(rates)) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${name} must be between 0 and 1: ${rate}`);
  }
  return rates;
}

/** Builds accounts on first use: one per household, or a shared employer account. */
class AccountBook {
  readonly accounts: SeedAccount[] = [];
  private readonly employerRefs = new Map<number, string>();

  constructor(private readonly random: SeededRandom) {}

  household(head: SeedValues): string {
    return this.add((ref) => householdAccount(ref, head));
  }

  employer(employerNumber: number, head: SeedValues): string {
    const known = this.employerRefs.get(employerNumber);
    if (known) return known;
    const ref = this.add((r) => employerAccount(r, this.random, employerNumber, head));
    this.employerRefs.set(employerNumber, ref);
    return ref;
  }

  private add(make: (ref: string) => SeedAccount): string {
    const account = make(`ACC-${String(this.accounts.length + 1).padStart(6, '0')}`);
    this.accounts.push(account);
    return account.ref;
  }
}

/**
 * The org's starting data for a list of people: most homes become a household
 * account; in the others each person is a contact of their employer, an account that
 * several homes share. On top comes the configured drift (missing people, other
 * spellings, stale phone or email, contacts without keys), all fixed by `seed`.
 * `variations` lists every deliberate difference so tests can assert on the truth.
 */
export function seedSalesforce(people: Person[], seed: number | string, options: SalesforceSeedOptions = {}): SalesforceSeed {
  const rates = checkRates(options);
  const random = createRandom('salesforce-accounts', seed);
  const book = new AccountBook(random);
  const employerCount = Math.max(1, Math.round(people.length / 8));
  const seeded: SalesforceSeed = { accounts: book.accounts, contacts: [], variations: [] };
  for (const home of households(people)) {
    const employed = random.chance(0.35);
    const members = home.map((person) => ({ person, ...contactFor(person, seed, rates, employed) }));
    seeded.variations.push(...members.flatMap((m) => m.variations));
    const present = members.filter((m): m is typeof m & { values: SeedValues } => m.values !== undefined);
    const householdRef = !employed && present.length ? book.household(present[0].values) : undefined;
    for (const { person, values } of present) {
      const accountRef = householdRef ?? book.employer(random.int(0, employerCount - 1), values);
      seeded.contacts.push({ customerKey: person.customerKey, accountRef, values });
    }
  }
  return seeded;
}
