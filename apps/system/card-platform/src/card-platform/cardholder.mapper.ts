import { markOf } from '@strata/change-feed';
import type { Customer, CustomerInput } from '@strata/contracts-system-card-platform';
import type { CardholderFields, RawCardholder } from './card-platform.client';

/** A record the platform sent that cannot become a clean customer; the feed quarantines it. */
export class MalformedCardholderError extends Error {}

const STATUS_IN = { OPEN: 'active', BLOCKED: 'blocked', CLOSED: 'closed' } as const;
const STATUS_OUT = { active: 'OPEN', blocked: 'BLOCKED', closed: 'CLOSED' } as const;
const ID = /^CP-\d{6}$/;
const PLATFORM_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

const text = (raw: RawCardholder, field: string): string | null => {
  const value = raw[field];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new MalformedCardholderError(`${field} is not text`);
  return value;
};

/** `DD/MM/YYYY` -> ISO, refusing days that do not exist (31/02). */
export function fromPlatformDate(value: string): string {
  const match = PLATFORM_DATE.exec(value);
  if (!match) throw new MalformedCardholderError(`DateOfBirth '${value}' is not DD/MM/YYYY`);
  const [, day, month, year] = match;
  const iso = `${year}-${month}-${day}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) throw new MalformedCardholderError(`DateOfBirth '${value}' is not a real date`);
  return iso;
}

const toPlatformDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * `O'BRIEN-SMITH` -> `O'Brien-Smith`. The platform stores upper case only; consumers get
 * names and places readable again, the way every other System API serves them.
 */
export function titleCase(value: string): string {
  return value.toLowerCase().replace(/(^|[\s'\-.])([a-z])/g, (_m, sep: string, letter: string) => sep + letter.toUpperCase());
}

const titled = (value: string | null) => (value === null ? null : titleCase(value));

/** `DOE, JANE MARY` -> last `Doe`, first `Jane Mary` (null when the platform has none). */
function splitFullName(fullName: string): { firstName: string | null; lastName: string } {
  const comma = fullName.indexOf(',');
  if (comma <= 0) throw new MalformedCardholderError(`FullName '${fullName}' is not 'FAMILYNAME, GIVENNAMES'`);
  const firstName = fullName.slice(comma + 1).trim();
  return { lastName: titleCase(fullName.slice(0, comma).trim()), firstName: firstName === '' ? null : titleCase(firstName) };
}

/** Reads one platform record into the contract's customer, versioned by its hash; throws MalformedCardholderError on bad data. */
export function toCustomer(raw: RawCardholder): Customer {
  const id = text(raw, 'CardholderId');
  if (!id || !ID.test(id)) throw new MalformedCardholderError(`CardholderId '${id ?? ''}' is not CP- and six digits`);
  const fullName = text(raw, 'FullName');
  if (!fullName) throw new MalformedCardholderError('FullName is missing');
  const status = text(raw, 'Status') as keyof typeof STATUS_IN | null;
  if (!status || !(status in STATUS_IN)) throw new MalformedCardholderError(`Status '${status ?? ''}' is not OPEN, BLOCKED or CLOSED`);
  const birth = text(raw, 'DateOfBirth');
  return {
    id,
    customerKey: text(raw, 'CustomerRef'),
    ...splitFullName(fullName),
    birthDate: birth ? fromPlatformDate(birth) : null,
    email: text(raw, 'EmailAddress'),
    phone: text(raw, 'MobileNumber'),
    address: {
      street: titled(text(raw, 'AddrLine1')),
      city: titled(text(raw, 'AddrLine2')),
      state: text(raw, 'AddrLine3'),
      postalCode: text(raw, 'PostCode'),
      country: text(raw, 'CountryCode'),
    },
    status: STATUS_IN[status],
    cardProduct: text(raw, 'CardProduct'),
    updatedAt: null,
    // The feed's mark for this record: a consumer that saw a change holds the version it needs.
    version: markOf(raw),
  };
}

/**
 * The full record UpsertCardholder needs (it replaces every field): the current
 * customer with the input laid over it, `null` clearing a field, in the platform's
 * spelling. A missing last name is left for the platform to refuse (CP-1001 FullName),
 * which the API reports as `body.lastName`.
 */
export function toCardholderFields(customerKey: string, current: Customer | undefined, input: CustomerInput): CardholderFields {
  const pick = <K extends keyof CustomerInput>(key: K, fallback: unknown) => (input[key] === undefined ? fallback : input[key]);
  const address = { ...(current?.address ?? {}), ...(input.address ?? {}) } as Record<string, string | null | undefined>;
  const lastName = pick('lastName', current?.lastName) as string | undefined;
  const firstName = pick('firstName', current?.firstName) as string | null | undefined;
  const birthDate = pick('birthDate', current?.birthDate) as string | null | undefined;
  const status = (pick('status', current?.status) ?? 'active') as keyof typeof STATUS_OUT;
  const fields: Record<string, string | null | undefined> = {
    CardholderId: current?.id,
    CustomerRef: customerKey,
    FullName: lastName ? `${lastName}, ${firstName ?? ''}`.trim().toUpperCase() : undefined,
    DateOfBirth: birthDate ? toPlatformDate(birthDate) : undefined,
    EmailAddress: pick('email', current?.email) as string | null,
    MobileNumber: pick('phone', current?.phone) as string | null,
    AddrLine1: address['street']?.toUpperCase() ?? address['street'], AddrLine2: address['city']?.toUpperCase() ?? address['city'], AddrLine3: address['state'],
    PostCode: address['postalCode'], CountryCode: address['country'],
    Status: STATUS_OUT[status],
    CardProduct: pick('cardProduct', current?.cardProduct) as string | null,
  };
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
}
