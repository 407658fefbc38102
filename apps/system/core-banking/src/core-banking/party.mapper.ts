import type { CoreBankingCustomer, CoreBankingCustomerInput } from '@strata/contracts-system-core-banking';
import type { BankParty, BankPartyBody } from './bank-party.schema';
import { bankDateToIso, parseBankTimestamp } from './bank-timestamp';

/** The external-reference scheme under which the bank keeps Strata's golden key. */
export const GOLDEN_KEY_SCHEME = 'CRM';

const STATUS_FROM_CODE = { A: 'active', I: 'inactive', D: 'deceased' } as const;
const CODE_FROM_STATUS = { active: 'A', inactive: 'I', deceased: 'D' } as const;

/** The golden key a party carries, or null when it is not linked to the CRM. */
export function customerKeyOf(party: Pick<BankParty, 'externalRefs'>): string | null {
  return party.externalRefs.find((ref) => ref.scheme === GOLDEN_KEY_SCHEME)?.value ?? null;
}

/** Address lines 1 and 2 are the street; line 3 is where the bank keeps the region. */
function streetOf(address: BankParty['address']): string | null {
  const street = [address.line1, address.line2].filter((line): line is string => Boolean(line)).join(', ');
  return street || null;
}

/** A checked bank party as the contract's clean customer. */
export function toCustomer(party: BankParty): CoreBankingCustomer {
  return {
    id: party.partyId,
    customerKey: customerKeyOf(party),
    firstName: party.legalName.givenNames,
    lastName: party.legalName.familyName,
    birthDate: party.birthDate === null ? null : (bankDateToIso(party.birthDate) ?? null),
    email: party.contact.email,
    phone: party.contact.phone,
    address: { street: streetOf(party.address), city: party.address.city, state: party.address.line3, postalCode: party.address.postcode, country: party.address.countryCode },
    status: STATUS_FROM_CODE[party.statusCode],
    taxIdHash: party.taxIdHash,
    version: party.version,
    updatedAt: parseBankTimestamp(party.modifiedAt)?.toISOString().replace('.000Z', 'Z') ?? null,
  };
}

/** `undefined` keeps the current value, `null` clears it: the contract's upsert rule. */
const pick = <T>(given: T | undefined, current: T): T => (given === undefined ? current : given);

const EMPTY: BankPartyBody = {
  externalRefs: [],
  legalName: { givenNames: null, familyName: '' },
  birthDate: null,
  taxIdHash: null,
  contact: { email: null, phone: null },
  address: { line1: null, line2: null, line3: null, city: null, postcode: null, countryCode: null },
  statusCode: 'A',
};

/**
 * The party body to send for an upsert by golden key: the current party (or an empty
 * one) with the input applied. A new street replaces both street lines, since the
 * caller's `street` is one line of text.
 */
export function toPartyBody(customerKey: string | null, input: CoreBankingCustomerInput, current?: BankParty): BankPartyBody {
  const base: BankPartyBody = current ? { externalRefs: current.externalRefs, legalName: current.legalName, birthDate: current.birthDate, taxIdHash: current.taxIdHash, contact: current.contact, address: current.address, statusCode: current.statusCode } : EMPTY;
  const address = input.address ?? {};
  const streetGiven = address.street !== undefined;
  return {
    // null keeps whatever golden key the party has (an update by party id that names none).
    externalRefs: customerKey === null ? base.externalRefs : [...base.externalRefs.filter((ref) => ref.scheme !== GOLDEN_KEY_SCHEME), { scheme: GOLDEN_KEY_SCHEME, value: customerKey }],
    legalName: { givenNames: pick(input.firstName, base.legalName.givenNames), familyName: pick(input.lastName, base.legalName.familyName) },
    birthDate: input.birthDate === undefined ? base.birthDate : (input.birthDate?.replace(/-/g, '') ?? null),
    taxIdHash: pick(input.taxIdHash, base.taxIdHash),
    contact: { email: pick(input.email, base.contact.email), phone: pick(input.phone, base.contact.phone) },
    address: {
      line1: streetGiven ? (address.street ?? null) : base.address.line1,
      line2: streetGiven ? null : base.address.line2,
      line3: pick(address.state, base.address.line3),
      city: pick(address.city, base.address.city),
      postcode: pick(address.postalCode, base.address.postcode),
      countryCode: pick(address.country, base.address.countryCode),
    },
    statusCode: input.status === undefined ? base.statusCode : CODE_FROM_STATUS[input.status],
  };
}
