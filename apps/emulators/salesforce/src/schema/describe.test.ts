import { describeGlobal, describeSObject } from './describe';
import { DescribeField } from './describe.types';
import { loadOrgSchema } from './org-schema.loader';
import { findObject } from './org-schema.lookup';
import { ObjectDef } from './schema.types';

const schema = loadOrgSchema();
const contact = findObject(schema, 'Contact') as ObjectDef;
const account = findObject(schema, 'Account') as ObjectDef;

function fieldOf(fields: DescribeField[], name: string): DescribeField {
  const field = fields.find((f) => f.name === name);
  if (!field) throw new Error(`no ${name} in describe`);
  return field;
}

describe('describeSObject', () => {
  const described = describeSObject(contact, { apiVersion: '58.0', schema });

  it('describes the object as jsforce reads it', () => {
    expect(described).toMatchObject({
      name: 'Contact',
      label: 'Contact',
      labelPlural: 'Contacts',
      keyPrefix: '003',
      custom: false,
      createable: true,
      updateable: true,
      deletable: true,
      queryable: true,
      retrieveable: true,
    });
    expect(described.fields).toHaveLength(contact.fields.length);
  });

  it('gives the URLs jsforce follows, under the requested version', () => {
    expect(described.urls).toMatchObject({
      sobject: '/services/data/v58.0/sobjects/Contact',
      describe: '/services/data/v58.0/sobjects/Contact/describe',
      rowTemplate: '/services/data/v58.0/sobjects/Contact/{ID}',
    });
  });

  it.each(['v58.0', '58', 'V58'])('accepts the version as %s', (apiVersion) => {
    expect(describeSObject(contact, { apiVersion }).urls.sobject).toBe('/services/data/v58.0/sobjects/Contact');
  });

  it('describes the Id as a non-nillable, read-only lookup key', () => {
    expect(fieldOf(described.fields, 'Id')).toMatchObject({
      type: 'id', length: 18, nillable: false, createable: false, updateable: false, idLookup: true, soapType: 'tns:ID', defaultedOnCreate: true,
    });
  });

  it('describes a required text field', () => {
    expect(fieldOf(described.fields, 'LastName')).toMatchObject({
      type: 'string', label: 'Last Name', length: 80, byteLength: 240, nillable: false, createable: true, updateable: true,
      custom: false, unique: false, externalId: false, compoundFieldName: 'Name', soapType: 'xsd:string',
    });
  });

  it('describes the golden key as a custom, unique external id', () => {
    expect(fieldOf(described.fields, 'Customer_Key__c')).toMatchObject({
      custom: true, unique: true, externalId: true, idLookup: true, nillable: true, permissionable: true, caseSensitive: false,
    });
  });

  it('lists picklist values in Salesforce form', () => {
    const status = fieldOf(described.fields, 'Customer_Status__c');
    expect(status.picklistValues).toEqual([
      { value: 'Active', label: 'Active', active: true, defaultValue: false, validFor: null },
      { value: 'Inactive', label: 'Inactive', active: true, defaultValue: false, validFor: null },
      { value: 'Deceased', label: 'Deceased', active: true, defaultValue: false, validFor: null },
    ]);
    expect(status.restrictedPicklist).toBe(true);
    expect(fieldOf(described.fields, 'Preferred_Channels__c')).toMatchObject({ type: 'multipicklist', length: 4099, sortable: false });
    expect(fieldOf(described.fields, 'LastName').picklistValues).toEqual([]);
  });

  it('describes the account lookup with its target and relationship', () => {
    expect(fieldOf(described.fields, 'AccountId')).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'Account', length: 18 });
    expect(fieldOf(described.fields, 'Email')).toMatchObject({ referenceTo: [], relationshipName: null });
  });

  it('describes checkboxes, numbers, dates and long text as Salesforce does', () => {
    expect(fieldOf(described.fields, 'HasOptedOutOfEmail')).toMatchObject({ type: 'boolean', nillable: false, defaultValue: false, defaultedOnCreate: true });
    expect(fieldOf(described.fields, 'Birthdate')).toMatchObject({ type: 'date', soapType: 'xsd:date', length: 0 });
    expect(fieldOf(described.fields, 'CreatedDate')).toMatchObject({ type: 'datetime', soapType: 'xsd:dateTime', groupable: false, createable: false });
    expect(fieldOf(described.fields, 'Description')).toMatchObject({ type: 'textarea', filterable: false, sortable: false, extraTypeInfo: 'plaintextarea' });
    expect(fieldOf(described.fields, 'MailingCity').compoundFieldName).toBe('MailingAddress');
    const accountFields = describeSObject(account, { apiVersion: '58.0' }).fields;
    expect(fieldOf(accountFields, 'AnnualRevenue')).toMatchObject({ type: 'currency', precision: 18, scale: 0, digits: 0 });
    expect(fieldOf(accountFields, 'NumberOfEmployees')).toMatchObject({ type: 'int', digits: 8, precision: 0 });
    expect(fieldOf(accountFields, 'Name')).toMatchObject({ nameField: true, idLookup: true });
  });

  it('lists relationships from other objects, which sub-queries navigate', () => {
    const accountDescribe = describeSObject(account, { apiVersion: '58.0', schema });
    expect(accountDescribe.childRelationships).toEqual([
      expect.objectContaining({ childSObject: 'Contact', field: 'AccountId', relationshipName: 'Contacts', cascadeDelete: false }),
    ]);
    expect(describeSObject(account, { apiVersion: '58.0' }).childRelationships).toEqual([]);
  });

  it('has the Master record type every object without record types has', () => {
    expect(described.recordTypeInfos).toEqual([expect.objectContaining({ master: true, recordTypeId: '012000000000000AAA' })]);
  });
});

describe('describeGlobal', () => {
  it('lists every object in summary, with batch size and encoding', () => {
    const global = describeGlobal(schema, { apiVersion: '59.0' });
    expect(global).toMatchObject({ encoding: 'UTF-8', maxBatchSize: 200 });
    expect(global.sobjects.map((s) => [s.name, s.keyPrefix, s.queryable])).toEqual([
      ['Account', '001', true],
      ['Contact', '003', true],
      ['User', '005', true],
    ]);
    expect(global.sobjects[1].urls.rowTemplate).toBe('/services/data/v59.0/sobjects/Contact/{ID}');
    expect(global.sobjects[0]).not.toHaveProperty('fields');
  });

  it("defaults to jsforce's API version", () => {
    expect(describeGlobal(schema).sobjects[0].urls.describe).toBe('/services/data/v50.0/sobjects/Account/describe');
  });

  it('marks custom objects as custom', () => {
    const custom: ObjectDef = { name: 'Loan__c', label: 'Loan', labelPlural: 'Loans', keyPrefix: 'a01', fields: [{ name: 'Id', label: 'Id', type: 'id' }] };
    expect(describeGlobal({ objects: [custom] }).sobjects[0].custom).toBe(true);
  });
});
