import { column, fakeId, memorySource, NOW, runQuery } from './__fixtures__/soql-org.fixture';
import { executeSoql } from './soql.evaluator';
import { parseSoql } from './soql.parser';

// NOW is 2024-03-15T12:00:00Z: "today" is 15 March (UTC).
const [acme, globex, owner] = [fakeId('001', 1), fakeId('001', 2), fakeId('005', 1)];

function org() {
  return memorySource({
    User: [{ Id: owner, Name: 'Olivia Owner' }],
    Account: [
      { Id: acme, Name: 'Acme', Industry: 'Banking', NumberOfEmployees: 50, OwnerId: owner },
      { Id: globex, Name: 'Globex', Industry: 'Retail', NumberOfEmployees: 10 },
    ],
    Contact: [
      {
        Id: fakeId('003', 1), LastName: 'Lovelace', Email: 'ada@acme.test', Score__c: 9.5, Birthdate: '1990-01-31',
        CreatedDate: '2024-03-15T08:00:00.000+0000', Interests__c: 'Golf;Chess', Do_Not_Call__c: true,
        Description: '50% off', AccountId: acme,
      },
      {
        Id: fakeId('003', 2), LastName: 'Hopper', Email: null, Score__c: 7, Birthdate: '2024-03-14',
        CreatedDate: '2024-03-14T23:59:59.000Z', Interests__c: 'Sailing', Do_Not_Call__c: false, AccountId: globex,
      },
      {
        Id: fakeId('003', 3), LastName: 'Turing', Score__c: -2, Birthdate: '2024-03-16',
        CreatedDate: '2024-03-16T00:00:00.000Z', Interests__c: null, Description: '50 percent', AccountId: null,
      },
      {
        Id: fakeId('003', 4), LastName: 'dijkstra', Email: 'EW@UT.test', Score__c: null, Birthdate: null,
        CreatedDate: '2024-03-10T12:00:00.000Z', Interests__c: 'chess;golf;sailing', AccountId: acme,
      },
    ],
  });
}

/** Last names of the contacts matching a WHERE clause, in stored order. */
const names = (where: string) => column(runQuery(`SELECT LastName FROM Contact WHERE ${where}`, org()), 'LastName');

describe('executeSoql: filtering', () => {
  it('compares strings case-insensitively with = and treats != as including nulls', () => {
    expect(names("LastName = 'LOVELACE'")).toEqual(['Lovelace']);
    expect(names("Email != 'ADA@acme.test'")).toEqual(['Hopper', 'Turing', 'dijkstra']);
    expect(names("Email <> 'ada@acme.test'")).toEqual(['Hopper', 'Turing', 'dijkstra']);
  });

  it('orders strings case-insensitively for < and >', () => {
    expect(names("LastName > 'Hopper'")).toEqual(['Lovelace', 'Turing']);
    expect(names("LastName <= 'HOPPER'")).toEqual(['Hopper', 'dijkstra']);
  });

  it('matches = null and != null', () => {
    expect(names('Email = null')).toEqual(['Hopper', 'Turing']);
    expect(names('Score__c != null')).toEqual(['Lovelace', 'Hopper', 'Turing']);
  });

  it('compares numbers numerically, including decimals and negatives', () => {
    expect(names('Score__c > 7')).toEqual(['Lovelace']);
    expect(names('Score__c >= 7')).toEqual(['Lovelace', 'Hopper']);
    expect(names('Score__c < 0')).toEqual(['Turing']);
    expect(names('Score__c <= -2')).toEqual(['Turing']);
    expect(names('Score__c = 9.5')).toEqual(['Lovelace']);
  });

  it('compares booleans', () => {
    expect(names('Do_Not_Call__c = true')).toEqual(['Lovelace']);
    expect(names('Do_Not_Call__c = FALSE')).toEqual(['Hopper']);
    expect(names('Do_Not_Call__c != true')).toEqual(['Hopper', 'Turing', 'dijkstra']);
  });

  it('compares date fields with date literals by day', () => {
    expect(names('Birthdate = 1990-01-31')).toEqual(['Lovelace']);
    expect(names('Birthdate > 2024-01-01')).toEqual(['Hopper', 'Turing']);
    expect(names('Birthdate < 2000-01-01')).toEqual(['Lovelace']);
  });

  it('compares datetime fields with datetime literals by instant, honouring offsets', () => {
    expect(names('CreatedDate > 2024-03-15T07:00:00Z')).toEqual(['Lovelace', 'Turing']);
    expect(names('CreatedDate = 2024-03-15T10:00:00+02:00')).toEqual(['Lovelace']);
    expect(names('CreatedDate < 2024-03-15T10:00:00+02:00')).toEqual(['Hopper', 'dijkstra']);
  });

  it('treats a relative date literal on a datetime field as the range of that UTC day', () => {
    expect(names('CreatedDate = TODAY')).toEqual(['Lovelace']);
    expect(names('CreatedDate != TODAY')).toEqual(['Hopper', 'Turing', 'dijkstra']);
    expect(names('CreatedDate > TODAY')).toEqual(['Turing']);
    expect(names('CreatedDate >= TODAY')).toEqual(['Lovelace', 'Turing']);
    expect(names('CreatedDate < TODAY')).toEqual(['Hopper', 'dijkstra']);
    expect(names('CreatedDate <= TODAY')).toEqual(['Lovelace', 'Hopper', 'dijkstra']);
    expect(names('CreatedDate = YESTERDAY')).toEqual(['Hopper']);
    expect(names('CreatedDate = TOMORROW')).toEqual(['Turing']);
  });

  it('includes today in LAST_N_DAYS:n and starts NEXT_N_DAYS:n tomorrow', () => {
    expect(names('CreatedDate = LAST_N_DAYS:2')).toEqual(['Lovelace', 'Hopper']);
    expect(names('CreatedDate = LAST_N_DAYS:5')).toEqual(['Lovelace', 'Hopper', 'dijkstra']);
    expect(names('CreatedDate = NEXT_N_DAYS:1')).toEqual(['Turing']);
    expect(names('Birthdate = NEXT_N_DAYS:3')).toEqual(['Turing']);
    expect(names('Birthdate = NEXT_N_DAYS:0')).toEqual([]);
  });

  it('applies relative date literals to date fields too', () => {
    expect(names('Birthdate = YESTERDAY')).toEqual(['Hopper']);
    expect(names('Birthdate > TODAY')).toEqual(['Turing']);
    expect(names('Birthdate < TODAY')).toEqual(['Lovelace', 'Hopper']);
  });

  it('measures relative dates from the now option', () => {
    const result = runQuery('SELECT LastName FROM Contact WHERE CreatedDate = TODAY', org(), { now: new Date('2024-03-10T00:00:00Z') });
    expect(column(result, 'LastName')).toEqual(['dijkstra']);
    expect(NOW.toISOString()).toBe('2024-03-15T12:00:00.000Z');
  });

  it('matches LIKE case-insensitively with % and _ as wildcards and \\% as a literal percent', () => {
    expect(names("LastName LIKE 'h%'")).toEqual(['Hopper']);
    expect(names("LastName LIKE '_URING'")).toEqual(['Turing']);
    expect(names("LastName LIKE '%STR%'")).toEqual(['dijkstra']);
    expect(names("Description LIKE '50%'")).toEqual(['Lovelace', 'Turing']);
    expect(names("Description LIKE '50\\%%'")).toEqual(['Lovelace']);
    expect(names("Email LIKE 'ada@acme_test'")).toEqual(['Lovelace']);
    expect(names("Email LIKE 'ada@acme.tes'")).toEqual([]);
  });

  it('matches IN and NOT IN by type, with NOT IN keeping nulls and IN (null) finding them', () => {
    expect(names("LastName IN ('hopper', 'TURING')")).toEqual(['Hopper', 'Turing']);
    expect(names("Email NOT IN ('ada@acme.test')")).toEqual(['Hopper', 'Turing', 'dijkstra']);
    expect(names('Score__c IN (7, 9.5)')).toEqual(['Lovelace', 'Hopper']);
    expect(names('Score__c NOT IN (7, 9.5)')).toEqual(['Turing', 'dijkstra']);
    expect(names('Email IN (null)')).toEqual(['Hopper', 'Turing']);
    expect(names('Birthdate IN (1990-01-31, 2024-03-14)')).toEqual(['Lovelace', 'Hopper']);
  });

  it('matches multi-select picklists with INCLUDES (any group, all values in a group) and EXCLUDES', () => {
    expect(names("Interests__c INCLUDES ('golf')")).toEqual(['Lovelace', 'dijkstra']);
    expect(names("Interests__c INCLUDES ('Golf;Sailing')")).toEqual(['dijkstra']);
    expect(names("Interests__c INCLUDES ('Golf;Sailing', 'sailing')")).toEqual(['Hopper', 'dijkstra']);
    expect(names("Interests__c EXCLUDES ('Golf')")).toEqual(['Hopper', 'Turing']);
    expect(names("Interests__c = 'Chess;Golf'")).toEqual(['Lovelace']);
    expect(names("Interests__c = 'Golf'")).toEqual([]);
  });

  it('filters on parent fields, where an empty lookup reads as null', () => {
    expect(names("Account.Name = 'acme'")).toEqual(['Lovelace', 'dijkstra']);
    expect(names('Account.Name = null')).toEqual(['Turing']);
    expect(names("Account.Name != 'Acme'")).toEqual(['Hopper', 'Turing']);
    expect(names('Account.NumberOfEmployees > 20')).toEqual(['Lovelace', 'dijkstra']);
    expect(names("Account.Owner.Name LIKE 'oli%'")).toEqual(['Lovelace', 'dijkstra']);
    expect(names("Account.Industry LIKE 'bank%'")).toEqual(['Lovelace', 'dijkstra']);
  });

  it('combines conditions with AND, OR, NOT and parentheses', () => {
    expect(names("NOT LastName = 'Hopper'")).toEqual(['Lovelace', 'Turing', 'dijkstra']);
    expect(names('(Score__c > 8 OR Score__c < 0) AND Do_Not_Call__c != true')).toEqual(['Turing']);
    expect(names('Score__c > 5 AND NOT Do_Not_Call__c = true')).toEqual(['Hopper']);
    expect(names("NOT (LastName = 'Hopper' OR Account.Name = 'Acme')")).toEqual(['Turing']);
    expect(names("LastName = 'Turing' OR (Score__c > 5 AND Do_Not_Call__c = true)")).toEqual(['Lovelace', 'Turing']);
  });

  it('evaluates AND before OR when unparenthesised mixing is allowed', () => {
    const query = parseSoql("SELECT LastName FROM Contact WHERE LastName = 'Turing' OR Score__c > 5 AND Do_Not_Call__c = true", {
      allowMixedAndOr: true,
    });
    expect(column(executeSoql(query, org(), { now: NOW }), 'LastName')).toEqual(['Lovelace', 'Turing']);
  });

  it('matches ids by their 15-character core and orders them for Id > chunking', () => {
    const id15 = fakeId('003', 2).slice(0, 15);
    expect(names(`Id = '${id15}'`)).toEqual(['Hopper']);
    expect(names(`AccountId = '${acme.slice(0, 15)}'`)).toEqual(['Lovelace', 'dijkstra']);
    expect(names(`Id > '${fakeId('003', 2)}'`)).toEqual(['Turing', 'dijkstra']);
  });
});
