import { readParty } from './bank-party.schema';
import { bankTimestampMinus } from './bank-timestamp';
import { toCustomer, toPartyBody } from './party.mapper';

const party = {
  partyId: 'P000000042',
  externalRefs: [{ scheme: 'LEGACY', value: 'X9' }, { scheme: 'CRM', value: 'CK-000042' }],
  legalName: { givenNames: 'Jose', familyName: 'Nunez' },
  birthDate: '19750704',
  taxIdHash: 'a'.repeat(64),
  contact: { email: 'jose@example.org', phone: '+15555550142' },
  address: { line1: '12 Elm St', line2: null, line3: 'CA', city: 'Fresno', postcode: '93650', countryCode: 'US' },
  statusCode: 'I',
  modifiedAt: '20260301100007',
  version: 3,
};

describe('reading bank parties', () => {
  it('maps a party to the clean customer shape', () => {
    const reading = readParty(party);
    expect(reading.ok && toCustomer(reading.party)).toEqual({
      id: 'P000000042', customerKey: 'CK-000042', firstName: 'Jose', lastName: 'Nunez', birthDate: '1975-07-04',
      email: 'jose@example.org', phone: '+15555550142', address: { street: '12 Elm St', city: 'Fresno', state: 'CA', postalCode: '93650', country: 'US' },
      status: 'inactive', taxIdHash: 'a'.repeat(64), version: 3, updatedAt: '2026-03-01T10:00:07Z',
    });
  });

  it.each([
    ['an impossible date', { ...party, birthDate: '20231345' }, 'birthDate'],
    ['no legal name', { ...party, legalName: undefined }, 'legalName'],
    ['a garbled timestamp', { ...party, modifiedAt: '20260230120000' }, 'modifiedAt'],
    ['an unknown status code', { ...party, statusCode: 'X' }, 'statusCode'],
  ])('refuses %s, naming the field and keeping the party id', (_case, raw, field) => {
    const reading = readParty(raw);
    expect(reading).toMatchObject({ ok: false, partyId: 'P000000042', reason: expect.stringContaining(field) });
  });
});

describe('building the party body of an upsert', () => {
  const current = (() => {
    const reading = readParty({ ...party, address: { ...party.address, line2: 'Unit 5' } });
    if (!reading.ok) throw new Error('fixture');
    return reading.party;
  })();

  it('keeps what the input omits, clears what it nulls, and keeps other external refs', () => {
    const body = toPartyBody('CK-000042', { email: null, birthDate: '1975-07-05', status: 'deceased' }, current);
    expect(body).toMatchObject({ contact: { email: null, phone: '+15555550142' }, birthDate: '19750705', statusCode: 'D', legalName: current.legalName });
    expect(body.externalRefs).toEqual([{ scheme: 'LEGACY', value: 'X9' }, { scheme: 'CRM', value: 'CK-000042' }]);
    expect(body.address.line2).toBe('Unit 5');
  });

  it('replaces both street lines with a new street', () => {
    expect(toPartyBody('CK-000042', { address: { street: '1 New Rd' } }, current).address).toMatchObject({ line1: '1 New Rd', line2: null, line3: 'CA' });
  });

  it('builds a new party linked to the golden key', () => {
    expect(toPartyBody('CK-NEW-1', { lastName: 'New' })).toMatchObject({ externalRefs: [{ scheme: 'CRM', value: 'CK-NEW-1' }], legalName: { givenNames: null, familyName: 'New' }, statusCode: 'A' });
  });
});

it('computes the overlap window start across a day boundary', () => {
  expect(bankTimestampMinus('20260301000005', 10)).toBe('20260228235955');
});
