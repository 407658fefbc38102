import { toCustomer, toUpdateValues } from './borrower.mapper';
import { UPDATABLE_FIELDS } from '@strata/copybook';

const record = {
  loanAccount: 'LN00001234', customerKey: '', surname: "O'BRIEN-SMITH", givenNames: 'MARY ANN', birthDate: '1970-05-06', email: 'MARY@EXAMPLE.ORG',
  phone: '', street: '12 HIGH STREET', city: 'LONDON', state: 'GREATER LONDON', postalCode: 'SW1A 1AA', country: 'GB', statusCode: 'C',
  balance: -12.5, interestRate: 3.25, changeDate: '2026-02-03', changeTime: '04:05:06',
};

describe('the borrower mapper', () => {
  it("turns the mainframe's record into the clean customer shape", () => {
    expect(toCustomer(record)).toEqual({
      id: 'LN-00001234', customerKey: null, firstName: 'Mary Ann', lastName: "O'Brien-Smith", birthDate: '1970-05-06', email: 'mary@example.org', phone: null,
      address: { street: '12 High Street', city: 'London', state: 'Greater London', postalCode: 'SW1A 1AA', country: 'GB' },
      status: 'inactive', updatedAt: '2026-02-03T04:05:06.000Z', loan: { outstandingBalance: -12.5, interestRatePercent: 3.25 },
    });
  });

  it('refuses a record without a surname or with an unknown status, naming the field', () => {
    expect(() => toCustomer({ ...record, surname: '' })).toThrow(/surname/);
    expect(() => toCustomer({ ...record, statusCode: 'Z' })).toThrow(/statusCode/);
  });

  it('flags only the fields the caller sent, clears on null, and drops accents', () => {
    const values = toUpdateValues({ loanAccount: 'LN-00001234', customerKey: null }, { firstName: 'José', phone: null, status: 'deceased' }, 1);
    const flagged = UPDATABLE_FIELDS.filter((_f, i) => String(values['changeFlags'])[i] === 'Y');
    expect(flagged).toEqual(['givenNames', 'phone', 'statusCode']);
    expect(values).toMatchObject({ loanAccount: 'LN00001234', givenNames: 'Jose', phone: '', statusCode: 'D' });
  });
});
