import { column, fakeId, memorySource, runQuery } from './__fixtures__/soql-org.fixture';
import { executeSoql, parseSoql } from './index';

const userId = fakeId('005', 1);
const acmeId = fakeId('001', 1);
const globexId = fakeId('001', 2);

function org() {
  return memorySource({
    User: [{ Id: userId, Name: 'Olivia Owner' }],
    Account: [
      { Id: acmeId, Name: 'Acme', OwnerId: userId, Customer_Key__c: 'CK-1', AnnualRevenue: 1000 },
      { Id: globexId, Name: 'Globex', OwnerId: null },
    ],
    Contact: [
      { Id: fakeId('003', 1), LastName: 'Lovelace', FirstName: 'Ada', AccountId: acmeId, Email: 'ada@acme.test' },
      { Id: fakeId('003', 2), LastName: 'Hopper', AccountId: null },
      { Id: fakeId('003', 3), LastName: 'Gone', AccountId: acmeId, IsDeleted: true },
    ],
  });
}

describe('executeSoql: selecting', () => {
  it('shapes records like the REST API: attributes with type and url, then the selected fields in order', () => {
    const result = runQuery("SELECT LastName, Id, Email FROM Contact WHERE LastName = 'Lovelace'", org());
    expect(result).toEqual({
      totalSize: 1,
      records: [
        {
          attributes: { type: 'Contact', url: `/services/data/v58.0/sobjects/Contact/${fakeId('003', 1)}` },
          LastName: 'Lovelace',
          Id: fakeId('003', 1),
          Email: 'ada@acme.test',
        },
      ],
    });
    expect(Object.keys(result.records[0])).toEqual(['attributes', 'LastName', 'Id', 'Email']);
  });

  it('takes the url version from the apiVersion option', () => {
    const result = runQuery('SELECT Id FROM Account LIMIT 1', org(), { apiVersion: '50.0' });
    expect(result.records[0].attributes.url).toBe(`/services/data/v50.0/sobjects/Account/${acmeId}`);
  });

  it('matches object and field names in any case but answers in the schema\'s case', () => {
    const result = runQuery('SELECT lastname, ACCOUNT.name, customer_key__C FROM contact WHERE lastname = \'lovelace\'', org());
    expect(result.records[0]).toEqual({
      attributes: { type: 'Contact', url: expect.stringContaining('/sobjects/Contact/') },
      LastName: 'Lovelace',
      Account: { attributes: { type: 'Account', url: `/services/data/v58.0/sobjects/Account/${acmeId}` }, Name: 'Acme' },
      Customer_Key__c: null,
    });
  });

  it('nests several parent fields under one relationship object, and walks two levels', () => {
    const result = runQuery("SELECT Account.Name, Account.Customer_Key__c, Account.Owner.Name FROM Contact WHERE LastName = 'Lovelace'", org());
    expect(result.records[0].Account).toEqual({
      attributes: { type: 'Account', url: `/services/data/v58.0/sobjects/Account/${acmeId}` },
      Name: 'Acme',
      Customer_Key__c: 'CK-1',
      Owner: { attributes: { type: 'User', url: `/services/data/v58.0/sobjects/User/${userId}` }, Name: 'Olivia Owner' },
    });
  });

  it('answers null for a relationship whose lookup is empty', () => {
    const contact = runQuery("SELECT Account.Name FROM Contact WHERE LastName = 'Hopper'", org());
    expect(contact.records[0].Account).toBeNull();
    const account = runQuery("SELECT Name, Owner.Name FROM Account WHERE Name = 'Globex'", org());
    expect(account.records[0]).toMatchObject({ Name: 'Globex', Owner: null });
  });

  it('answers null for a lookup whose parent was deleted, unless deleted rows are included', () => {
    const source = memorySource({
      Account: [{ Id: acmeId, Name: 'Acme', IsDeleted: true }],
      Contact: [{ Id: fakeId('003', 9), LastName: 'Orphan', AccountId: acmeId }],
    });
    expect(runQuery('SELECT Account.Name FROM Contact', source).records[0].Account).toBeNull();
    expect(runQuery('SELECT Account.Name FROM Contact', source, { includeDeleted: true }).records[0].Account).toMatchObject({ Name: 'Acme' });
  });

  it('always lets Id be selected, even when the schema does not list it', () => {
    const source = memorySource({ User: [{ Id: userId, Name: 'Olivia Owner' }] });
    const schema = { objects: source.schema.objects.map((o) => ({ ...o, fields: o.fields.filter((f) => f.name !== 'Id') })) };
    const result = executeSoql(parseSoql('SELECT Id, Name FROM User'), { ...source, schema }, { now: new Date() });
    expect(result.records[0]).toMatchObject({ Id: userId, Name: 'Olivia Owner' });
  });

  it('answers null for fields a stored row does not carry', () => {
    expect(column(runQuery("SELECT FirstName FROM Contact WHERE LastName = 'Hopper'", org()), 'FirstName')).toEqual([null]);
  });

  it('answers COUNT() with the number of matching rows in totalSize and no records', () => {
    expect(runQuery('SELECT COUNT() FROM Contact', org())).toEqual({ totalSize: 2, records: [] });
    expect(runQuery('SELECT COUNT() FROM Contact WHERE AccountId != null', org())).toEqual({ totalSize: 1, records: [] });
    expect(runQuery('SELECT COUNT() FROM Contact', org(), { includeDeleted: true }).totalSize).toBe(3);
  });

  it('leaves deleted rows out unless includeDeleted (queryAll) is set, which can then filter on IsDeleted', () => {
    expect(column(runQuery('SELECT LastName FROM Contact', org()), 'LastName')).toEqual(['Lovelace', 'Hopper']);
    const all = runQuery('SELECT LastName, IsDeleted FROM Contact WHERE IsDeleted = true', org(), { includeDeleted: true });
    expect(all.records.map((r) => [r.LastName, r.IsDeleted])).toEqual([['Gone', true]]);
  });

  it('parses once and executes many times against different data', () => {
    const query = parseSoql('SELECT Name FROM Account ORDER BY Name DESC');
    const first = executeSoql(query, org(), { now: new Date() });
    const second = executeSoql(query, memorySource({ Account: [{ Id: acmeId, Name: 'Zeta' }] }), { now: new Date() });
    expect(column(first, 'Name')).toEqual(['Globex', 'Acme']);
    expect(column(second, 'Name')).toEqual(['Zeta']);
  });
});
