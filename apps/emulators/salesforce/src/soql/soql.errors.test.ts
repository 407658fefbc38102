import { errorOf, fakeId, memorySource, runQuery } from './__fixtures__/soql-org.fixture';
import { isSoqlError, SoqlError } from './soql.errors';

/** An org with no rows at all: schema errors must not depend on data. */
const emptyOrg = () => memorySource({});
const reject = (soql: string) => errorOf(() => runQuery(soql, emptyOrg()));

describe('executeSoql: schema and type errors', () => {
  it('raises INVALID_TYPE for an unknown object, pointing at its name', () => {
    const error = reject('SELECT Id FROM Foo__c');
    expect(error.errorCode).toBe('INVALID_TYPE');
    expect(error.detail).toMatch(/^sObject type 'Foo__c' is not supported\./);
    expect(error.message).toContain('ERROR at Row:1:Column:16');
  });

  it.each([
    ['SELECT Id, Foo FROM Contact', "No such column 'Foo' on entity 'Contact'", 12],
    ['SELECT Id FROM Contact WHERE Foo = 1', "No such column 'Foo' on entity 'Contact'", 30],
    ['SELECT Id FROM Contact ORDER BY Foo', "No such column 'Foo' on entity 'Contact'", 33],
    ['SELECT Account.Foo FROM Contact', "No such column 'Foo' on entity 'Account'", 8],
    ['SELECT Account FROM Contact', "No such column 'Account' on entity 'Contact'", 8],
    ['SELECT Acct.Name FROM Contact', "Didn't understand relationship 'Acct' in field path", 8],
    ['SELECT AccountId.Name FROM Contact', "Didn't understand relationship 'AccountId' in field path", 8],
  ])('raises INVALID_FIELD for %j', (soql, detail, column) => {
    const error = reject(soql);
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.detail.startsWith(detail)).toBe(true);
    expect(error.position).toMatchObject({ line: 1, column });
  });

  it.each([
    ["Score__c = '5'", 'double', 'not ', 41],
    ['LastName = 5', 'string', '', 41],
    ["Do_Not_Call__c = 'true'", 'boolean', 'not ', 47],
    ["Birthdate = '2024-01-01'", 'date', 'not ', 42],
    ['Birthdate = 2024-01-01T00:00:00Z', 'date', 'not ', 42],
    ['CreatedDate = 2024-01-01', 'dateTime', 'not ', 44],
    ['AccountId = 1', 'id', '', 42],
    ['Account.NumberOfEmployees IN (1, 2.5, \'3\')', 'int', 'not ', 68],
    ['LastName = TODAY', 'string', '', 41],
  ])('rejects a literal of the wrong type: %s', (where, type, not, column) => {
    const error = reject(`SELECT Id FROM Contact WHERE ${where}`);
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.detail).toMatch(
      new RegExp(`^value of filter criterion for field '[\\w.]+' must be of type ${type} and should ${not}be enclosed in quotes$`),
    );
    expect(error.position?.column).toBe(column);
  });

  it.each([
    ["Score__c LIKE '5%'", 'LIKE', 'double'],
    ["Id LIKE '003%'", 'LIKE', 'id'],
    ["Interests__c LIKE 'Golf%'", 'LIKE', 'multipicklist'],
    ["LastName INCLUDES ('x')", 'INCLUDES', 'string'],
    ["Email EXCLUDES ('x')", 'EXCLUDES', 'email'],
    ['Do_Not_Call__c > false', '>', 'boolean'],
  ])('rejects an operator the field type does not support: %s', (where, op, type) => {
    const error = reject(`SELECT Id FROM Contact WHERE ${where}`);
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.detail).toContain(`invalid operator ${op} on field`);
    expect(error.detail).toContain(`of type ${type}`);
  });

  it('rejects sorting by a multi-select picklist', () => {
    const error = reject('SELECT Id FROM Contact ORDER BY Interests__c');
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.detail).toBe("field 'Interests__c' can not be sorted in a query call");
  });

  it('rejects the same field selected twice, whatever its case', () => {
    const error = reject('SELECT Id, Account.Name, account.NAME FROM Contact');
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.detail).toBe('duplicate field selected: Name');
    expect(error.position?.column).toBe(26);
  });

  it('reports schema errors with the Salesforce banner on the right line', () => {
    const error = reject('SELECT Id\nFROM Contact\nWHERE Nmae = \'x\'');
    expect(error.message).toMatch(/^\nWHERE Nmae = 'x'\n {6}\^\nERROR at Row:3:Column:7\nNo such column 'Nmae' on entity 'Contact'/);
  });

  it('checks the schema before reading any row', () => {
    let reads = 0;
    const source = memorySource({ Contact: [{ Id: fakeId('003', 1), LastName: 'x' }] });
    const counting = { ...source, records: (name: string) => (reads++, source.records(name)) };
    expect(errorOf(() => runQuery("SELECT Id FROM Contact WHERE Score__c = 'x'", counting)).errorCode).toBe('INVALID_FIELD');
    expect(reads).toBe(0);
  });

  it('marks its errors as SoqlError so callers can tell them from bugs', () => {
    const error = reject('SELECT Id FROM Nope');
    expect(error).toBeInstanceOf(SoqlError);
    expect(error).toBeInstanceOf(Error);
    expect(isSoqlError(error)).toBe(true);
    expect(isSoqlError(new Error('boom'))).toBe(false);
  });
});
