import type { Customer, CustomerInput } from '@strata/contracts-system-loan-mainframe';
import { RecordFormatError, type RecordValues, UPDATABLE_FIELDS, type UpdatableField } from '@strata/copybook';

const STATUS_OF_CODE: Record<string, Customer['status']> = { A: 'active', C: 'inactive', D: 'deceased' };
const CODE_OF_STATUS: Record<Customer['status'], string> = { active: 'A', inactive: 'C', deceased: 'D' };

/** `LN00001234` (the mainframe's 10 characters) as the bank prints it: `LN-00001234`. */
export const toApiAccount = (account: string): string => account.replace(/^LN(\d{8})$/, 'LN-$1');
export const toMainframeAccount = (account: string): string => account.replace(/^LN-/, 'LN');

const blankToNull = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** `O'BRIEN-SMITH` -> `O'Brien-Smith`: the upper-case text the mainframe stores, readable again. */
export function titleCase(value: string): string {
  return value.toLowerCase().replace(/(^|[\s'\-.])([a-z])/g, (_m, sep: string, letter: string) => sep + letter.toUpperCase());
}

/**
 * A borrower record as the clean customer shape. Hides the mainframe's habits: the
 * dashless loan number, upper-case names and emails, blank-for-null, status codes.
 * A record that cannot be a customer (unknown status, no surname) throws
 * RecordFormatError, which the feed quarantines.
 */
export function toCustomer(record: RecordValues): Customer {
  const surname = blankToNull(record['surname']);
  if (!surname) throw new RecordFormatError('surname', 'blank surname');
  const status = STATUS_OF_CODE[String(record['statusCode'])];
  if (!status) throw new RecordFormatError('statusCode', `unknown status code ${JSON.stringify(record['statusCode'])}`);
  const state = blankToNull(record['state']);
  const changeDate = record['changeDate'];
  return {
    id: toApiAccount(String(record['loanAccount'])),
    customerKey: blankToNull(record['customerKey']),
    firstName: blankToNull(record['givenNames']) && titleCase(String(record['givenNames'])),
    lastName: titleCase(surname),
    birthDate: (record['birthDate'] as string | null) ?? null,
    email: blankToNull(record['email'])?.toLowerCase() ?? null,
    phone: blankToNull(record['phone']),
    address: {
      street: blankToNull(record['street']) && titleCase(String(record['street'])),
      city: blankToNull(record['city']) && titleCase(String(record['city'])),
      state: state && (state.length <= 3 ? state : titleCase(state)),
      postalCode: blankToNull(record['postalCode']),
      country: blankToNull(record['country']),
    },
    status,
    updatedAt: changeDate ? `${String(changeDate)}T${String(record['changeTime'] ?? '00:00:00')}.000Z` : null,
    loan: { outstandingBalance: Number(record['balance']), interestRatePercent: Number(record['interestRate']) },
  };
}

/** The body path of each record field, so a value the layout refuses is reported as the caller sent it. */
export const BODY_PATH_OF_FIELD: Record<UpdatableField, string> = {
  surname: 'body.lastName', givenNames: 'body.firstName', birthDate: 'body.birthDate', email: 'body.email', phone: 'body.phone',
  street: 'body.address.street', city: 'body.address.city', state: 'body.address.state', postalCode: 'body.address.postalCode',
  country: 'body.address.country', statusCode: 'body.status', customerKey: 'body.customerKey',
};

/** Accents dropped (`José` -> `Jose`): the mainframe stores ASCII only. */
const ascii = (value: string | null | undefined) => (value == null ? '' : value.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));

/** Which loan an update addresses: by account, or the (lowest) loan of a golden key. */
export interface UpdateTarget {
  loanAccount: string | null;
  customerKey: string | null;
}

/**
 * A customer input as one update record: only the fields present are flagged `Y`, so
 * absent fields stay as they are and `null` clears (a flagged blank).
 */
export function toUpdateValues(target: UpdateTarget, input: CustomerInput & { customerKey?: string | null }, recordNo: number): RecordValues {
  const given: Partial<Record<UpdatableField, string | null | undefined>> = {
    surname: input.lastName, givenNames: input.firstName, birthDate: input.birthDate, email: input.email, phone: input.phone,
    street: input.address?.street, city: input.address?.city, state: input.address?.state, postalCode: input.address?.postalCode,
    country: input.address?.country, statusCode: input.status === undefined ? undefined : CODE_OF_STATUS[input.status], customerKey: input.customerKey,
  };
  const values: RecordValues = {
    recordNo,
    loanAccount: target.loanAccount ? toMainframeAccount(target.loanAccount) : '',
    customerKey: target.customerKey ?? '',
    changeFlags: UPDATABLE_FIELDS.map((field) => (given[field] === undefined ? 'N' : 'Y')).join(''),
  };
  for (const field of UPDATABLE_FIELDS) {
    const value = given[field];
    const key = field === 'customerKey' ? 'newCustomerKey' : field;
    values[key] = field === 'birthDate' ? (value ?? null) : ascii(value);
  }
  return values;
}
