/**
 * The REST surface driven by the real, unmodified jsforce: what it sends and what it
 * expects back, record by record.
 */
import { startRestHarness } from './__fixtures__/rest-harness';

type Harness = Awaited<ReturnType<typeof startRestHarness>>;
let h: Harness;
let seq = 0;
const key = () => `CK-R${process.pid % 1000}-${++seq}`;

beforeAll(async () => {
  h = await startRestHarness();
});
afterAll(() => h.close());

describe('sObject CRUD through jsforce', () => {
  it('creates, retrieves, updates and deletes a contact', async () => {
    const conn = h.connect();
    const created = await conn.sobject('Contact').create({ FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.org' });
    expect(created).toMatchObject({ success: true });
    const id = (created as { id: string }).id;
    const record = await conn.sobject('Contact').retrieve(id);
    expect(record).toMatchObject({ Id: id, Name: 'Ada Lovelace', Email: 'ada@example.org', attributes: { type: 'Contact' } });
    const updated = await conn.sobject('Contact').update({ Id: id, Phone: '+15555550100' });
    expect(updated).toMatchObject({ success: true, id });
    expect((await conn.sobject('Contact').retrieve(id))['Phone']).toBe('+15555550100');
    const deleted = await conn.sobject('Contact').destroy(id);
    expect(deleted).toMatchObject({ success: true, id });
    await expect(conn.sobject('Contact').retrieve(id)).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });

  it('reports validation errors with Salesforce codes', async () => {
    const conn = h.connect();
    await expect(conn.sobject('Contact').create({ FirstName: 'Nobody' })).rejects.toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING' });
    await expect(conn.sobject('Contact').create({ LastName: 'X', Nope__c: 1 })).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
  });

  it('upserts by external id: 201 created, 200 updated, 300 on several matches', async () => {
    const conn = h.connect();
    const value = key();
    const first = await conn.sobject('Contact').upsert({ LastName: 'Curie', Customer_Key__c: value }, 'Customer_Key__c');
    expect(first).toMatchObject({ success: true, created: true });
    const second = await conn.sobject('Contact').upsert({ LastName: 'Curie', Phone: '+33123', Customer_Key__c: value }, 'Customer_Key__c');
    expect(second).toMatchObject({ success: true, created: false, id: (first as { id: string }).id });
    const legacy = `LEG-${value}`;
    await conn.sobject('Contact').create([{ LastName: 'A', Legacy_Ref__c: legacy }, { LastName: 'B', Legacy_Ref__c: legacy }], { allOrNone: true });
    const res = await fetch(`${h.url}/services/data/v58.0/sobjects/Contact/Legacy_Ref__c/${legacy}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer 00D000000000001!test-token`, 'content-type': 'application/json' },
      body: JSON.stringify({ LastName: 'C' }),
    });
    expect(res.status).toBe(300);
    expect(((await res.json()) as string[]).every((url) => url.startsWith('/services/data/v58.0/sobjects/Contact/003'))).toBe(true);
    await expect(conn.sobject('Contact').upsert({ LastName: 'Z', Email: 'z@example.org' }, 'Email')).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });

  it('describes objects and the org', async () => {
    const conn = h.connect();
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((s) => s.name)).toEqual(expect.arrayContaining(['Account', 'Contact']));
    const contact = await conn.sobject('Contact').describe();
    const keyField = contact.fields.find((f) => f.name === 'Customer_Key__c');
    expect(keyField).toMatchObject({ externalId: true, unique: true, type: 'string' });
  });

  it('sends Sforce-Limit-Info, which jsforce exposes as limitInfo', async () => {
    const conn = h.connect();
    await conn.query('SELECT Id FROM Account LIMIT 1');
    expect(conn.limitInfo.apiUsage?.used).toBeGreaterThan(0);
    expect(conn.limitInfo.apiUsage?.limit).toBe(h.faults.settings.dailyApiLimit);
  });
});

describe('collections through jsforce', () => {
  it('with allOrNone false commits the valid records and reports the bad one', async () => {
    const conn = h.connect();
    const results = await conn.sobject('Contact').create([{ LastName: 'Good' }, { LastName: 'Bad', Email: 'nope' }], { allOrNone: false });
    expect(results.map((r) => r.success)).toEqual([true, false]);
    expect((results[1] as { errors: { errorCode?: string; statusCode?: string }[] }).errors[0]).toMatchObject({ statusCode: 'INVALID_EMAIL_ADDRESS' });
  });

  it('with allOrNone true commits nothing when one record fails', async () => {
    const conn = h.connect();
    const before = h.store.count('Contact');
    const results = await conn.sobject('Contact').create([{ LastName: 'Good' }, { LastName: 'Bad', Email: 'nope' }], { allOrNone: true });
    expect(results.map((r) => r.success)).toEqual([false, false]);
    expect((results[0] as { errors: { statusCode?: string }[] }).errors[0]?.statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(h.store.count('Contact')).toBe(before);
  });

  it('upserts, updates, retrieves and deletes in bulk', async () => {
    const conn = h.connect();
    const keys = [key(), key(), key()];
    const upserted = await conn.sobject('Contact').upsert(keys.map((k) => ({ LastName: `Bulk ${k}`, Customer_Key__c: k })), 'Customer_Key__c');
    expect(upserted.map((r) => r.success)).toEqual([true, true, true]);
    const ids = upserted.map((r) => (r as { id: string }).id);
    await conn.sobject('Contact').update(ids.map((Id) => ({ Id, Title: 'Engineer' })));
    const records = await conn.sobject('Contact').retrieve(ids, { fields: ['Title', 'Customer_Key__c'] });
    expect(records.map((r) => r['Title'])).toEqual(['Engineer', 'Engineer', 'Engineer']);
    const deleted = await conn.sobject('Contact').destroy(ids);
    expect(deleted.map((r) => r.success)).toEqual([true, true, true]);
  });

  it('refuses more than 200 records in one call', async () => {
    const res = await fetch(`${h.url}/services/data/v58.0/composite/sobjects`, {
      method: 'POST',
      headers: { authorization: `Bearer 00D000000000001!test-token`, 'content-type': 'application/json' },
      body: JSON.stringify({ records: Array.from({ length: 201 }, () => ({ attributes: { type: 'Contact' }, LastName: 'X' })) }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject([{ errorCode: 'EXCEEDED_ID_LIMIT' }]);
  });
});

describe('SOQL through jsforce', () => {
  beforeAll(async () => {
    const conn = h.connect();
    const accounts = await conn.sobject('Account').create([{ Name: 'Query Corp' }], { allOrNone: true });
    const accountId = (accounts[0] as { id: string }).id;
    for (let start = 0; start < 5000; start += 200) {
      const batch = Array.from({ length: 200 }, (_v, i) => ({ LastName: `Bulk${String(start + i).padStart(5, '0')}`, Title: 'QueryTest', AccountId: accountId }));
      await conn.sobject('Contact').create(batch, { allOrNone: true });
    }
  }, 120_000);

  it('pages a 5,000-record query through queryMore', async () => {
    const conn = h.connect();
    const first = await conn.query("SELECT Id, LastName FROM Contact WHERE Title = 'QueryTest'", { autoFetch: false });
    expect(first.totalSize).toBe(5000);
    expect(first.records).toHaveLength(2000);
    expect(first.done).toBe(false);
    const seen = new Set(first.records.map((r) => r['Id']));
    let page = first;
    while (!page.done && page.nextRecordsUrl) {
      page = await conn.queryMore(page.nextRecordsUrl);
      page.records.forEach((r) => seen.add(r['Id']));
    }
    expect(seen.size).toBe(5000);
  }, 60_000);

  it('reads all 5,000 records with autoFetch', async () => {
    const conn = h.connect();
    const result = await conn.query("SELECT Id FROM Contact WHERE Title = 'QueryTest'", { autoFetch: true, maxFetch: 10_000 });
    expect(result.records).toHaveLength(5000);
  }, 60_000);

  it('filters, orders and follows parent relationships', async () => {
    const conn = h.connect();
    const result = await conn.query(
      "SELECT LastName, Account.Name FROM Contact WHERE Title = 'QueryTest' AND (LastName LIKE 'Bulk0000%' OR LastName IN ('Bulk04999')) ORDER BY LastName DESC LIMIT 3 OFFSET 1",
    );
    expect(result.records.map((r) => r['LastName'])).toEqual(['Bulk00009', 'Bulk00008', 'Bulk00007']);
    expect(result.records[0]?.['Account']).toMatchObject({ Name: 'Query Corp' });
    const count = await conn.query("SELECT COUNT() FROM Contact WHERE Title = 'QueryTest' AND CreatedDate = TODAY");
    expect(count.totalSize).toBe(5000);
  });

  it('includes deleted records only in queryAll', async () => {
    const conn = h.connect();
    const created = await conn.sobject('Contact').create({ LastName: 'Deleted One', Title: 'Trash' });
    await conn.sobject('Contact').destroy((created as { id: string }).id);
    expect((await conn.query("SELECT Id FROM Contact WHERE Title = 'Trash'")).totalSize).toBe(0);
    const all = await conn.query("SELECT Id, IsDeleted FROM Contact WHERE Title = 'Trash'", { scanAll: true });
    expect(all.records).toEqual([expect.objectContaining({ IsDeleted: true })]);
  });

  it('answers bad SOQL with MALFORMED_QUERY and unknown fields with INVALID_FIELD', async () => {
    const conn = h.connect();
    await expect(conn.query('SELECT Id FORM Contact')).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    await expect(conn.query('SELECT Shoe_Size__c FROM Contact')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    await expect(conn.queryMore('/services/data/v58.0/query/01gBOGUS-2000')).rejects.toMatchObject({ errorCode: 'INVALID_QUERY_LOCATOR' });
  });
});
