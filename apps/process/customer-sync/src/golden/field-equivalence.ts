import { isDeepStrictEqual } from 'node:util';
import { GOLDEN_FIELDS, type CanonicalCustomer, type GoldenField } from '@strata/contracts-process-customer-sync';
import { normalizeEmail, normalizeName } from '../matching/match-keys';

/**
 * Whether a system's value says the same as the golden one. Systems store values their
 * own way (the card platform only has upper-case ASCII names, some systems keep no
 * email): a difference of spelling convention is not a mismatch, a different value
 * is. A system without the field (null) is not a mismatch either: it cannot hold it.
 */
export function sameValue(field: GoldenField, golden: unknown, actual: unknown): boolean {
  if (actual === null || actual === undefined || actual === '') return true;
  if (golden === null || golden === undefined) return false;
  switch (field) {
    case 'firstName':
    case 'lastName':
      return normalizeName(String(golden)) === normalizeName(String(actual));
    case 'email':
      return normalizeEmail(String(golden)) === normalizeEmail(String(actual));
    case 'phone':
      return digits(golden) === digits(actual);
    case 'address':
      return sameAddress(golden as Record<string, unknown>, actual as Record<string, unknown>);
    default:
      return isDeepStrictEqual(golden, actual);
  }
}

const digits = (value: unknown) => String(value).replace(/\D/g, '');

function sameAddress(golden: Record<string, unknown>, actual: Record<string, unknown>): boolean {
  const fold = (value: unknown) =>
    value === null || value === undefined
      ? ''
      : String(value)
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase()
          .replace(/[^a-z0-9]/g, '');
  return Object.keys(actual).every((key) => actual[key] === null || actual[key] === undefined || fold(golden[key]) === fold(actual[key]));
}

/**
 * The fields on which a system's values disagree with the golden record, by
 * {@link sameValue}: what reconciliation counts as a mismatch and the Customer 360
 * shows as a difference, so both always agree.
 */
export function differencesOf(golden: CanonicalCustomer, values: Partial<Record<GoldenField, unknown>>): GoldenField[] {
  return GOLDEN_FIELDS.filter((field) => !sameValue(field, golden[field], values[field]));
}
