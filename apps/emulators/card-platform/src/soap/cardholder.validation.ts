import { toAscii } from '@strata/demo-people';
import { type Cardholder, CARD_STATUSES, type CardStatus, OPTIONAL_FIELDS } from '../store/cardholder.types';
import { validationFault } from './card-fault';

const FULL_NAME = /^[A-Z][A-Z' .-]*, ?[A-Z' .-]*$/;
const DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** True when `DD/MM/YYYY` names a real calendar day (no 31/02). */
export function isPlatformDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** What the platform's own form checks would allow; throws a CP-1001 fault naming the element. */
export function validateCardholder(input: Record<string, unknown>, id: string): Cardholder {
  const text = (field: string): string | undefined => {
    const value = input[field];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw validationFault(field, 'must be text');
    return value.trim();
  };
  const fullName = text('FullName');
  if (!fullName) throw validationFault('FullName', 'is required');
  const upper = toAscii(fullName).toUpperCase();
  if (!FULL_NAME.test(upper)) throw validationFault('FullName', "must be 'FAMILYNAME, GIVENNAMES'");
  const status = text('Status') ?? 'OPEN';
  if (!CARD_STATUSES.includes(status as CardStatus)) throw validationFault('Status', `must be one of ${CARD_STATUSES.join(', ')}`);
  const record: Record<string, string> = { CardholderId: id, FullName: upper, Status: status };
  for (const field of OPTIONAL_FIELDS) {
    const value = text(field);
    if (value !== undefined) record[field] = value;
  }
  if (record['DateOfBirth'] && !isPlatformDate(record['DateOfBirth'])) throw validationFault('DateOfBirth', 'must be a real date as DD/MM/YYYY');
  if (record['EmailAddress'] && !/^[^@\s]+@[^@\s]+$/.test(record['EmailAddress'])) throw validationFault('EmailAddress', 'is not an email address');
  if (record['CountryCode'] && !/^[A-Z]{2}$/.test(record['CountryCode'])) throw validationFault('CountryCode', 'must be two upper-case letters');
  if (record['CustomerRef'] && !/^CK-\d{6}$/.test(record['CustomerRef'])) throw validationFault('CustomerRef', 'must be CK- and six digits');
  for (const line of ['AddrLine1', 'AddrLine2', 'AddrLine3'] as const) if (record[line]) record[line] = toAscii(record[line]).toUpperCase();
  return record as unknown as Cardholder;
}
