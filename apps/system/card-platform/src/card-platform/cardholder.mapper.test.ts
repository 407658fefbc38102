import { markOf } from '@strata/change-feed';
import { fromPlatformDate, MalformedCardholderError, toCardholderFields, toCustomer } from './cardholder.mapper';

const raw = {
  CardholderId: 'CP-000123', CustomerRef: 'CK-000042', FullName: "O'BRIEN, LEILA MAE", DateOfBirth: '07/05/1976',
  EmailAddress: 'leila@example.net', AddrLine1: '473 RIVER ROAD', AddrLine2: 'VANCOUVER', AddrLine3: 'BC', CountryCode: 'CA', Status: 'BLOCKED',
};

describe('reading platform records', () => {
  it('splits FAMILY, GIVEN into readable names, turns DD/MM/YYYY into ISO, names the address lines and maps the status', () => {
    expect(toCustomer(raw)).toEqual({
      id: 'CP-000123', customerKey: 'CK-000042', firstName: 'Leila Mae', lastName: "O'Brien", birthDate: '1976-05-07',
      email: 'leila@example.net', phone: null,
      address: { street: '473 River Road', city: 'Vancouver', state: 'BC', postalCode: null, country: 'CA' },
      status: 'blocked', cardProduct: null, updatedAt: null, version: markOf(raw),
    });
  });

  it('versions a record by the hash of all of it, so any change to it moves the version', () => {
    expect(toCustomer(raw).version).toMatch(/^[0-9a-f]{64}$/);
    expect(toCustomer({ ...raw, PostCode: 'V5K 0A1' }).version).not.toBe(toCustomer(raw).version);
  });

  it.each([
    [{ ...raw, DateOfBirth: '31/02/1980' }, 'not a real date'],
    [{ ...raw, DateOfBirth: '1980-02-01' }, 'not DD/MM/YYYY'],
    [{ ...raw, FullName: 'NO COMMA' }, 'FAMILYNAME, GIVENNAMES'],
    [{ ...raw, Status: 'FROZEN' }, 'Status'],
    [{ ...raw, CardholderId: '123' }, 'CardholderId'],
  ])('refuses a malformed record (%#) with a reason', (record, reason) => {
    expect(() => toCustomer(record)).toThrow(MalformedCardholderError);
    expect(() => toCustomer(record)).toThrow(reason);
  });

  it('accepts 29/02 only in leap years', () => {
    expect(fromPlatformDate('29/02/1984')).toBe('1984-02-29');
    expect(() => fromPlatformDate('29/02/1985')).toThrow(MalformedCardholderError);
  });
});

describe('writing platform records', () => {
  it('lays the input over the current record, null clearing a field, in the platform spelling', () => {
    const current = toCustomer(raw);
    expect(toCardholderFields('CK-000042', current, { email: null, firstName: 'Leila', birthDate: '1976-05-08', status: 'active' })).toEqual({
      CardholderId: 'CP-000123', CustomerRef: 'CK-000042', FullName: "O'BRIEN, LEILA", DateOfBirth: '08/05/1976',
      AddrLine1: '473 RIVER ROAD', AddrLine2: 'VANCOUVER', AddrLine3: 'BC', CountryCode: 'CA', Status: 'OPEN',
    });
  });

  it('leaves FullName out of a new record without a last name, for the platform to refuse', () => {
    expect(toCardholderFields('CK-000043', undefined, { email: 'x@example.org' })).toEqual({ CustomerRef: 'CK-000043', EmailAddress: 'x@example.org', Status: 'OPEN' });
  });
});
