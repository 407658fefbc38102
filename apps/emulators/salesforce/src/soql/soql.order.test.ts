import { column, fakeId, memorySource, runQuery } from './__fixtures__/soql-org.fixture';

const [alpha, beta] = [fakeId('001', 1), fakeId('001', 2)];

function org() {
  return memorySource({
    Account: [
      { Id: alpha, Name: 'alpha' },
      { Id: beta, Name: 'Beta' },
    ],
    Contact: [
      { Id: fakeId('003', 1), LastName: 'Cole', FirstName: 'Ann', Score__c: 3, AccountId: beta },
      { Id: fakeId('003', 2), LastName: 'adams', FirstName: null, Score__c: null, AccountId: alpha },
      { Id: fakeId('003', 3), LastName: 'Baker', FirstName: 'Bo', Score__c: 10, AccountId: null },
      { Id: fakeId('003', 4), LastName: 'Cole', FirstName: 'al', Score__c: 3, AccountId: alpha },
      { Id: fakeId('003', 5), LastName: 'Ely', FirstName: 'Cy', Score__c: -1, AccountId: beta },
    ],
  });
}

const ids = (soql: string) => column(runQuery(soql, org()), 'Id').map((id) => Number(String(id).slice(3, 15)));

describe('executeSoql: ordering and paging', () => {
  it('sorts text case-insensitively, ascending by default', () => {
    expect(ids('SELECT Id FROM Contact ORDER BY LastName')).toEqual([2, 3, 1, 4, 5]);
  });

  it('sorts by several keys, each with its own direction', () => {
    expect(ids('SELECT Id FROM Contact ORDER BY LastName DESC, FirstName ASC')).toEqual([5, 4, 1, 3, 2]);
  });

  it('sorts numbers numerically with nulls first ascending and last descending by default', () => {
    expect(ids('SELECT Id FROM Contact ORDER BY Score__c')).toEqual([2, 5, 1, 4, 3]);
    expect(ids('SELECT Id FROM Contact ORDER BY Score__c DESC')).toEqual([3, 1, 4, 5, 2]);
  });

  it('honours explicit NULLS FIRST and NULLS LAST', () => {
    expect(ids('SELECT Id FROM Contact ORDER BY Score__c ASC NULLS LAST')).toEqual([5, 1, 4, 3, 2]);
    expect(ids('SELECT Id FROM Contact ORDER BY Score__c DESC NULLS FIRST')).toEqual([2, 3, 1, 4, 5]);
  });

  it('keeps stored order for ties', () => {
    expect(ids('SELECT Id FROM Contact ORDER BY Score__c DESC, LastName')).toEqual([3, 1, 4, 5, 2]);
  });

  it('sorts by parent fields, an empty lookup counting as null', () => {
    expect(ids('SELECT Id FROM Contact ORDER BY Account.Name, LastName')).toEqual([3, 2, 4, 1, 5]);
    expect(ids('SELECT Id FROM Contact ORDER BY Account.Name DESC, LastName DESC')).toEqual([5, 1, 4, 2, 3]);
  });

  it('applies LIMIT and OFFSET after sorting', () => {
    expect(ids('SELECT Id FROM Contact ORDER BY LastName LIMIT 2')).toEqual([2, 3]);
    expect(ids('SELECT Id FROM Contact ORDER BY LastName OFFSET 3')).toEqual([4, 5]);
    expect(ids('SELECT Id FROM Contact ORDER BY LastName LIMIT 2 OFFSET 1')).toEqual([3, 1]);
    expect(ids('SELECT Id FROM Contact ORDER BY LastName LIMIT 0')).toEqual([]);
    expect(ids('SELECT Id FROM Contact LIMIT 10 OFFSET 9')).toEqual([]);
  });

  it('reports totalSize as the number of rows after LIMIT and OFFSET, for rows and COUNT() alike', () => {
    expect(runQuery('SELECT Id FROM Contact LIMIT 2 OFFSET 1', org()).totalSize).toBe(2);
    expect(runQuery('SELECT COUNT() FROM Contact LIMIT 3', org())).toEqual({ totalSize: 3, records: [] });
  });
});
