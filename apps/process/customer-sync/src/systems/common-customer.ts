import type { CanonicalCustomer } from '@strata/contracts-process-customer-sync';

/**
 * What every System API's customer has in common, whatever each calls its fields
 * (`mailingAddress` in Salesforce, `address` elsewhere): the view intake reads.
 */
export interface CommonCustomer {
  id: string;
  customerKey: string | null;
  firstName: string | null;
  lastName: string;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  address: { street: string | null; city: string | null; state: string | null; postalCode: string | null; country: string | null };
  status: 'active' | 'inactive' | 'deceased' | null;
  taxIdHash: string | null;
}

const COUNTRY_CODES: Record<string, string> = {
  'united states': 'US',
  'united states of america': 'US',
  usa: 'US',
  'united kingdom': 'GB',
  uk: 'GB',
  'great britain': 'GB',
  canada: 'CA',
};
const COUNTRY_NAMES: Record<string, string> = { US: 'United States', GB: 'United Kingdom', CA: 'Canada' };

/** Countries are ISO 3166-1 alpha-2 in the golden record, however a system spells them. */
export function countryCode(country: string | null): string | null {
  if (!country) return null;
  const trimmed = country.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase();
  return COUNTRY_CODES[trimmed.toLowerCase()] ?? trimmed;
}

/** The country's name, for systems (the CRM) that store names rather than codes. */
export function countryName(code: string | null): string | null {
  return code === null ? null : (COUNTRY_NAMES[code] ?? code);
}

/**
 * The golden values a target system is sent: everything the golden record knows, and
 * nothing it does not (a null in the golden record means "unknown", never "erase").
 */
export function goldenUpdate(customer: CanonicalCustomer) {
  const known = <T>(value: T | null) => (value === null ? undefined : value);
  const address = Object.fromEntries(Object.entries(customer.address).filter(([, v]) => v !== null)) as Partial<CanonicalCustomer['address']>;
  return {
    customerKey: customer.customerKey,
    firstName: known(customer.firstName),
    lastName: customer.lastName || undefined,
    birthDate: known(customer.birthDate),
    email: known(customer.email),
    phone: known(customer.phone),
    address: Object.keys(address).length > 0 ? address : undefined,
    status: customer.status,
  };
}

export type GoldenUpdate = ReturnType<typeof goldenUpdate>;
