import { formatSalesforceDateTime } from './field-value.normalizer';
import { loadOrgSchema } from './org-schema.loader';
import { findObject } from './org-schema.lookup';
import { SalesforceIdFactory } from './salesforce-id';
import { ObjectDef, SalesforceError } from './schema.types';
import { validateWrite, WriteValidationOptions } from './write-validation';

const schema = loadOrgSchema();
const contact = findObject(schema, 'Contact') as ObjectDef;
const account = findObject(schema, 'Account') as ObjectDef;
const ids = new SalesforceIdFactory();
const accountId = ids.create('001', 7);
const contactId = ids.create('003', 9);
const create: WriteValidationOptions = { mode: 'create' };

function valuesOf(object: ObjectDef, input: unknown, options: WriteValidationOptions = create): Record<string, unknown> {
  const result = validateWrite(object, input, options);
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.values;
}

function errorsOf(object: ObjectDef, input: unknown, options: WriteValidationOptions = create): SalesforceError[] {
  const result = validateWrite(object, input, options);
  if (result.ok) throw new Error(`unexpectedly valid: ${JSON.stringify(result.values)}`);
  return result.errors;
}

describe('a valid contact', () => {
  it('comes back with canonical field names, typed values and defaults', () => {
    const values = valuesOf(contact, {
      attributes: { type: 'Contact' },
      lastname: 'Okafor',
      FIRSTNAME: 'Ngozi',
      email: 'ngozi@example.com',
      birthdate: '1990-02-28',
      accountid: accountId.slice(0, 15),
      core_banking_id__c: 'CB-000001',
    });
    expect(values).toEqual({
      LastName: 'Okafor',
      FirstName: 'Ngozi',
      Email: 'ngozi@example.com',
      Birthdate: '1990-02-28',
      AccountId: accountId,
      Core_Banking_Id__c: 'CB-000001',
      HasOptedOutOfEmail: false,
    });
  });

  it('stores empty text as null and a null checkbox as false, as Salesforce does', () => {
    const values = valuesOf(contact, { LastName: 'Kim', Title: '', Email: null, HasOptedOutOfEmail: null });
    expect(values).toMatchObject({ Title: null, Email: null, HasOptedOutOfEmail: false });
  });

  it('accepts booleans and numbers sent as strings', () => {
    expect(valuesOf(contact, { LastName: 'Kim', HasOptedOutOfEmail: 'TRUE' }).HasOptedOutOfEmail).toBe(true);
    expect(valuesOf(account, { Name: 'Acme', NumberOfEmployees: '250', AnnualRevenue: '1250000.4' })).toMatchObject({
      NumberOfEmployees: 250,
      AnnualRevenue: 1250000,
    });
  });

  it('keeps multipicklist values once each, in the picklist order', () => {
    expect(valuesOf(contact, { LastName: 'Kim', Preferred_Channels__c: 'SMS; Email;SMS' }).Preferred_Channels__c).toBe('Email;SMS');
  });
});

describe('datetimes', () => {
  const object: ObjectDef = { ...contact, fields: [...contact.fields, { name: 'Last_Seen__c', label: 'Last Seen', type: 'datetime' }] };

  it.each([
    ['2024-01-31T10:00:00Z', '2024-01-31T10:00:00.000+0000'],
    ['2024-01-31T10:00:00.5+01:00', '2024-01-31T09:00:00.500+0000'],
    ['2024-01-31T23:30:00-0130', '2024-02-01T01:00:00.000+0000'],
    ['2024-01-31', '2024-01-31T00:00:00.000+0000'],
  ])('prints %s as Salesforce does: %s', (input, printed) => {
    expect(valuesOf(object, { LastName: 'Kim', Last_Seen__c: input }).Last_Seen__c).toBe(printed);
  });

  it('formats instants with millis and +0000', () => {
    expect(formatSalesforceDateTime(new Date(Date.UTC(2024, 0, 31, 10)))).toBe('2024-01-31T10:00:00.000+0000');
  });

  it('rejects impossible times', () => {
    expect(errorsOf(object, { LastName: 'Kim', Last_Seen__c: '2024-01-31T25:00:00Z' })[0].errorCode).toBe('INVALID_TYPE_ON_FIELD_IN_RECORD');
  });
});

describe('Salesforce errors', () => {
  it('INVALID_FIELD for a field the object does not have, before anything else', () => {
    expect(errorsOf(contact, { Foo: 1, LastName: 'x'.repeat(81) })).toEqual([
      { errorCode: 'INVALID_FIELD', message: "No such column 'Foo' on sobject of type Contact", fields: [] },
    ]);
  });

  it('INVALID_FIELD_FOR_INSERT_UPDATE for system fields, listed together', () => {
    expect(errorsOf(contact, { LastName: 'Kim', CreatedDate: '2024-01-01T00:00:00Z', systemmodstamp: null })).toEqual([
      {
        errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        message: expect.stringMatching(/^Unable to create\/update fields: CreatedDate, SystemModstamp\. /),
        fields: ['CreatedDate', 'SystemModstamp'],
      },
    ]);
  });

  it('INVALID_FIELD_FOR_INSERT_UPDATE for an Id on create', () => {
    expect(errorsOf(contact, { Id: contactId, LastName: 'Kim' })).toEqual([
      { errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', message: 'Record ID: cannot specify Id in an insert call', fields: ['Id'] },
    ]);
  });

  it('REQUIRED_FIELD_MISSING on create, naming every missing field', () => {
    expect(errorsOf(contact, { FirstName: 'Ngozi' })).toEqual([
      { errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] },
    ]);
    expect(errorsOf(contact, { LastName: '' })[0].errorCode).toBe('REQUIRED_FIELD_MISSING');
  });

  it('STRING_TOO_LONG with the label, the value and the limit', () => {
    const long = 'x'.repeat(81);
    expect(errorsOf(contact, { LastName: long })).toEqual([
      { errorCode: 'STRING_TOO_LONG', message: `Last Name: data value too large: ${long} (max length=80)`, fields: ['LastName'] },
    ]);
  });

  it('INVALID_EMAIL_ADDRESS', () => {
    expect(errorsOf(contact, { LastName: 'Kim', Email: 'kim at example.com' })).toEqual([
      { errorCode: 'INVALID_EMAIL_ADDRESS', message: 'Email: invalid email address: kim at example.com', fields: ['Email'] },
    ]);
  });

  it('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST for a value the picklist lacks, in single and multi picklists', () => {
    expect(errorsOf(contact, { LastName: 'Kim', Customer_Status__c: 'Gone' })).toEqual([
      {
        errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: 'Customer Status: bad value for restricted picklist field: Gone',
        fields: ['Customer_Status__c'],
      },
    ]);
    expect(errorsOf(contact, { LastName: 'Kim', Preferred_Channels__c: 'Email;Fax' })[0].message).toMatch(/field: Fax$/);
    expect(errorsOf(contact, { LastName: 'Kim', Customer_Status__c: 'active' })[0].errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });

  it.each([
    ['text in a number', account, { Name: 'Acme', NumberOfEmployees: 'many' }, 'Employees: value not of required type: many'],
    ['a fraction in an integer', account, { Name: 'Acme', NumberOfEmployees: 2.5 }, 'Employees: value not of required type: 2.5'],
    ['an impossible date', contact, { LastName: 'Kim', Birthdate: '2023-02-29' }, 'Birthdate: value not of required type: 2023-02-29'],
    ['a date in another format', contact, { LastName: 'Kim', Birthdate: '31/01/1990' }, 'Birthdate: value not of required type: 31/01/1990'],
    ['an object in a text field', contact, { LastName: { first: 'x' } }, 'Last Name: value not of required type: {"first":"x"}'],
    ['a number in a checkbox', contact, { LastName: 'Kim', HasOptedOutOfEmail: 1 }, 'Email Opt Out: value not of required type: 1'],
  ])('INVALID_TYPE_ON_FIELD_IN_RECORD for %s', (_case, object, input, message) => {
    expect(errorsOf(object, input)).toEqual([{ errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD', message, fields: [expect.any(String)] }]);
  });

  it('MALFORMED_ID for a reference that is not an id', () => {
    expect(errorsOf(contact, { LastName: 'Kim', AccountId: '001XYZ' })).toEqual([
      { errorCode: 'MALFORMED_ID', message: 'Account ID: id value of incorrect type: 001XYZ', fields: ['AccountId'] },
    ]);
  });

  it('FIELD_INTEGRITY_EXCEPTION for an id of the wrong object, when the schema is known', () => {
    expect(errorsOf(contact, { LastName: 'Kim', AccountId: contactId }, { mode: 'create', schema })).toEqual([
      { errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: `Account ID: id value of incorrect type: ${contactId}`, fields: ['AccountId'] },
    ]);
    expect(valuesOf(contact, { LastName: 'Kim', AccountId: accountId }, { mode: 'create', schema }).AccountId).toBe(accountId);
  });

  it('NUMBER_OUTSIDE_VALID_RANGE for more digits than the field holds', () => {
    expect(errorsOf(account, { Name: 'Acme', NumberOfEmployees: 123_456_789 })[0]).toEqual({
      errorCode: 'NUMBER_OUTSIDE_VALID_RANGE',
      message: 'Employees: value outside of valid range on numeric field: 123456789',
      fields: ['NumberOfEmployees'],
    });
  });

  it('JSON_PARSER_ERROR for a body that is not an object', () => {
    expect(errorsOf(contact, [{ LastName: 'Kim' }])[0].errorCode).toBe('JSON_PARSER_ERROR');
  });

  it('reports every bad value and the missing required fields together', () => {
    const errors = errorsOf(contact, { Email: 'nope', Birthdate: 'soon' });
    expect(errors.map((e) => e.errorCode)).toEqual(['INVALID_EMAIL_ADDRESS', 'INVALID_TYPE_ON_FIELD_IN_RECORD', 'REQUIRED_FIELD_MISSING']);
  });
});

describe('updates', () => {
  const existing = { Id: contactId, LastName: 'Kim' };

  it('touch only the fields sent, without defaults', () => {
    expect(valuesOf(contact, { Title: 'CFO' }, { mode: 'update', existing })).toEqual({ Title: 'CFO' });
  });

  it('may repeat the record Id (collections send it) but not another one', () => {
    expect(valuesOf(contact, { Id: contactId.slice(0, 15), Title: 'CFO' }, { mode: 'update', existing })).toEqual({ Title: 'CFO' });
    expect(errorsOf(contact, { Id: ids.create('003', 10) }, { mode: 'update', existing })[0]).toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['Id'],
    });
  });

  it('cannot clear a required field', () => {
    expect(errorsOf(contact, { LastName: null }, { mode: 'update', existing })).toEqual([
      { errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] },
    ]);
  });
});
