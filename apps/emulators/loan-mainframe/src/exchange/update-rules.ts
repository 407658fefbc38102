import { type RecordValues, UPDATABLE_FIELDS } from '@strata/copybook';
import type { BorrowerRecord } from '../store/loan.store';

/** The outcome of one update record: a return code, a message, and the record after it. */
export interface UpdateOutcome {
  returnCode: '00' | '04' | '08' | '12' | '16';
  message: string;
  updated?: BorrowerRecord;
}

/**
 * Applies one update record to a borrower the way the mainframe's update program does:
 * only fields flagged `Y` change (a blank flagged field clears it), then the result is
 * validated. Nothing changed is a warning (04), not an error.
 */
export function applyUpdate(current: BorrowerRecord, update: RecordValues, now: Date): UpdateOutcome {
  const flags = String(update['changeFlags'] ?? '');
  const next: BorrowerRecord = { ...current };
  UPDATABLE_FIELDS.forEach((field, i) => {
    if (flags[i] !== 'Y') return;
    const value = field === 'customerKey' ? update['newCustomerKey'] : update[field];
    (next as Record<string, unknown>)[field] = field === 'birthDate' ? (value ?? null) : String(value ?? '');
  });
  const invalid = validate(next, now);
  if (invalid) return { returnCode: '12', message: invalid };
  const same = UPDATABLE_FIELDS.every((field) => next[field] === current[field]);
  if (same) return { returnCode: '04', message: 'NO CHANGE: RECORD ALREADY HOLDS THESE VALUES', updated: current };
  const iso = now.toISOString();
  return { returnCode: '00', message: 'UPDATED', updated: { ...next, changeDate: iso.slice(0, 10), changeTime: iso.slice(11, 19) } };
}

function validate(record: BorrowerRecord, now: Date): string | null {
  if (record.surname.trim() === '') return 'SURNAME IS REQUIRED';
  if (record.birthDate && record.birthDate > now.toISOString().slice(0, 10)) return 'BIRTH DATE IS IN THE FUTURE';
  if (!['A', 'C', 'D'].includes(record.statusCode)) return `STATUS CODE ${record.statusCode || 'BLANK'} IS NOT A, C OR D`;
  if (record.country !== '' && !/^[A-Z]{2}$/.test(record.country)) return 'COUNTRY MUST BE A 2-LETTER ISO CODE';
  if (record.customerKey !== '' && !/^CK-\d{6}$/.test(record.customerKey)) return 'CUSTOMER KEY MUST BE CK-NNNNNN';
  return null;
}
