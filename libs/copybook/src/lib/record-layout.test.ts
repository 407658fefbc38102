import { borrowerLayout, updateLayout } from './loan-layouts';
import { readRecordFile, writeRecordFile } from './record-file';
import { defineLayout, formatRecord, parseRecord, RecordFormatError, type RecordValues } from './record-layout';

const borrower: RecordValues = {
  loanAccount: 'LN00001234', customerKey: 'CK-000001', surname: "O'BRIEN", givenNames: 'ANN MARIE', birthDate: '1980-02-29',
  email: 'ANN@EXAMPLE.ORG', phone: '+15555550100', street: '1 MAIN ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '62701',
  country: 'US', statusCode: 'A', balance: -1234.56, interestRate: 4.125, changeDate: '2026-01-31', changeTime: '23:59:58',
};

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as RecordFormatError;
  }
  throw new Error('expected a RecordFormatError');
};

describe('the record layout', () => {
  it('writes and reads back every field, including a negative amount and implied decimals', () => {
    const line = formatRecord(borrowerLayout, borrower);
    expect(line).toHaveLength(300);
    expect(line.slice(268, 280)).toBe('00000123456-');
    expect(line.slice(280, 286)).toBe('041250');
    expect(line.slice(82, 90)).toBe('19800229');
    expect(parseRecord(borrowerLayout, line)).toEqual(borrower);
  });

  it('pads text with spaces, upper-cases it and reads blanks back as empty text', () => {
    const line = formatRecord(borrowerLayout, { ...borrower, surname: 'smith', email: null });
    expect(line.slice(22, 52)).toBe('SMITH'.padEnd(30));
    expect(parseRecord(borrowerLayout, line)['email']).toBe('');
  });

  it('reads a blank or zero date as no date, and writes no date as spaces', () => {
    const line = formatRecord(borrowerLayout, { ...borrower, birthDate: null });
    expect(line.slice(82, 90)).toBe('        ');
    expect(parseRecord(borrowerLayout, line)['birthDate']).toBeNull();
    expect(parseRecord(borrowerLayout, line.slice(0, 82) + '00000000' + line.slice(90))['birthDate']).toBeNull();
  });

  it('rejects an impossible date, a number with a letter, and a missing sign, naming the field', () => {
    const line = formatRecord(borrowerLayout, borrower);
    expect(errorOf(() => parseRecord(borrowerLayout, line.slice(0, 82) + '19810229' + line.slice(90))).field).toBe('birthDate');
    expect(errorOf(() => parseRecord(borrowerLayout, line.slice(0, 280) + '04A250' + line.slice(286))).field).toBe('interestRate');
    expect(errorOf(() => parseRecord(borrowerLayout, line.slice(0, 279) + ' ' + line.slice(280))).field).toBe('balance');
  });

  it('rejects a record of the wrong length or type', () => {
    const line = formatRecord(borrowerLayout, borrower);
    expect(errorOf(() => parseRecord(borrowerLayout, line.slice(0, 150))).message).toMatch(/150 characters/);
    expect(errorOf(() => parseRecord(updateLayout, line)).field).toBe('recordType');
  });

  it('refuses to write text that is too long or not ASCII, and numbers that do not fit', () => {
    expect(errorOf(() => formatRecord(borrowerLayout, { ...borrower, surname: 'X'.repeat(31) })).field).toBe('surname');
    expect(errorOf(() => formatRecord(borrowerLayout, { ...borrower, givenNames: 'José' })).field).toBe('givenNames');
    expect(errorOf(() => formatRecord(borrowerLayout, { ...borrower, balance: 1e10 })).field).toBe('balance');
    expect(errorOf(() => formatRecord(borrowerLayout, { ...borrower, interestRate: -1 })).field).toBe('interestRate');
  });

  it('refuses a layout whose fields leave a gap or overrun the record', () => {
    expect(() => defineLayout('gap', 'XX', 10, [{ name: 'recordType', offset: 0, length: 2, type: 'text' }, { name: 'a', offset: 3, length: 7, type: 'text' }])).toThrow(/expected 2/);
    expect(() => defineLayout('short', 'XX', 10, [{ name: 'recordType', offset: 0, length: 2, type: 'text' }])).toThrow(/cover 2 of 10/);
  });
});

describe('a record file', () => {
  it('has a trailer counting its records, and is unfinished without one', () => {
    const details = [formatRecord(borrowerLayout, borrower), formatRecord(borrowerLayout, { ...borrower, loanAccount: 'LN00001235' })];
    const content = writeRecordFile('LNCHG', 42, details, new Date('2026-03-01T10:00:00Z'));
    const file = readRecordFile(content);
    expect(file).toMatchObject({ header: { fileType: 'LNCHG', sequence: 42, createdDate: '2026-03-01' }, trailerCount: 2 });
    expect(file.details).toEqual(details);
    const cut = content.slice(0, content.length - 200);
    expect(readRecordFile(cut).trailerCount).toBeNull();
  });
});
