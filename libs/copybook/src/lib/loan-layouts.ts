import { defineLayout, type FieldDef } from './record-layout';

/**
 * The loan mainframe's record layouts (its copybooks), as data. Every record is 300
 * characters (LRECL 300), one per line. A file is a header, detail records and a
 * trailer whose count must match: a file without one is unfinished or truncated.
 *
 * Both sides of the exchange read this one declaration: the emulator writes what the
 * System API parses, so the two can never drift apart.
 */
export const LRECL = 300;

const text = (name: string, offset: number, length: number): FieldDef => ({ name, offset, length, type: 'text' });

export const headerLayout = defineLayout('header', 'HD', LRECL, [
  text('recordType', 0, 2),
  text('fileType', 2, 8),
  { name: 'sequence', offset: 10, length: 6, type: 'number' },
  { name: 'createdDate', offset: 16, length: 8, type: 'date' },
  { name: 'createdTime', offset: 24, length: 6, type: 'time' },
  text('filler', 30, 270),
]);

export const trailerLayout = defineLayout('trailer', 'TR', LRECL, [
  text('recordType', 0, 2),
  { name: 'recordCount', offset: 2, length: 9, type: 'number' },
  text('filler', 11, 289),
]);

/** One borrower of one loan, in extract (`LNEXTR`) and change (`LNCHG`) files. */
export const borrowerLayout = defineLayout('borrower', 'BR', LRECL, [
  text('recordType', 0, 2),
  text('loanAccount', 2, 10),
  text('customerKey', 12, 10),
  text('surname', 22, 30),
  text('givenNames', 52, 30),
  { name: 'birthDate', offset: 82, length: 8, type: 'date' },
  text('email', 90, 60),
  text('phone', 150, 20),
  text('street', 170, 40),
  text('city', 210, 25),
  text('state', 235, 20),
  text('postalCode', 255, 10),
  text('country', 265, 2),
  /** A active, C closed, D deceased. */
  text('statusCode', 267, 1),
  /** 9(9)V99 with a trailing sign. */
  { name: 'balance', offset: 268, length: 12, type: 'signed', scale: 2 },
  /** 9(2)V9(4). */
  { name: 'interestRate', offset: 280, length: 6, type: 'number', scale: 4 },
  { name: 'changeDate', offset: 286, length: 8, type: 'date' },
  { name: 'changeTime', offset: 294, length: 6, type: 'time' },
]);

/** The borrower fields an update request may change, in the order of its `changeFlags` (Y/N each). */
export const UPDATABLE_FIELDS = [
  'surname', 'givenNames', 'birthDate', 'email', 'phone', 'street', 'city', 'state', 'postalCode', 'country', 'statusCode', 'customerKey',
] as const;
export type UpdatableField = (typeof UPDATABLE_FIELDS)[number];

/**
 * One update in a request file (`LNREQ`). The loan is found by `loanAccount`, or by
 * `customerKey` when the account is blank; only fields flagged `Y` change, so a blank
 * flagged field clears and an unflagged one is left alone.
 */
export const updateLayout = defineLayout('update', 'UP', LRECL, [
  text('recordType', 0, 2),
  { name: 'recordNo', offset: 2, length: 6, type: 'number' },
  text('loanAccount', 8, 10),
  text('customerKey', 18, 10),
  text('changeFlags', 28, 12),
  text('newCustomerKey', 40, 10),
  text('surname', 50, 30),
  text('givenNames', 80, 30),
  { name: 'birthDate', offset: 110, length: 8, type: 'date' },
  text('email', 118, 60),
  text('phone', 178, 20),
  text('street', 198, 40),
  text('city', 238, 25),
  text('state', 263, 20),
  text('postalCode', 283, 10),
  text('country', 293, 2),
  text('statusCode', 295, 1),
  text('filler', 296, 4),
]);

/** One acknowledgement (`LNACK`), answering the request record with the same `recordNo`. */
export const ackLayout = defineLayout('ack', 'AK', LRECL, [
  text('recordType', 0, 2),
  { name: 'recordNo', offset: 2, length: 6, type: 'number' },
  text('loanAccount', 8, 10),
  text('customerKey', 18, 10),
  text('returnCode', 28, 2),
  text('message', 30, 60),
  text('filler', 90, 210),
]);

/** File names: the sequence number orders extract and change files in one series. */
export const FILE_PATTERNS = {
  data: /^LN(EXTR|CHG)\.(\d{6})\.dat$/,
  ack: /^LNACK\.(\d{6})\.dat$/,
  request: /^LNREQ\.(\d{6})\.req$/,
};

export const sequenceOf = (name: string): number => Number(/\.(\d{6})\./.exec(name)?.[1] ?? NaN);
export const seqText = (sequence: number): string => String(sequence).padStart(6, '0');
