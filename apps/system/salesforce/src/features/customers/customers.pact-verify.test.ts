/**
 * Provider verification: the real Salesforce System API, over the real org emulator and
 * its Change Data Capture feed, answers every interaction its consumers recorded
 * (pacts/*-system-salesforce.json). Provider states seed the org through jsforce, as
 * someone working in Salesforce would.
 */
import type { Connection } from 'jsforce';
import request from 'supertest';
import { cursorBeforeLast, listenOnFreePort, verifyPacts } from '@strata/testing';
import { toContactFields } from '../../salesforce/contact.mapper';
import { connectAsOther, headCursor, readUntil, startFeedApi, startOrg } from '../changes/__fixtures__/change-feed.harness';

jest.setTimeout(180_000);

let org: Awaited<ReturnType<typeof startOrg>>;
let api: Awaited<ReturnType<typeof startFeedApi>>;
let other: Connection;

/** Contact `customerKey` as someone in the org saved it, with the id and version the API serves for it. */
async function contactWithVersion(customerKey: string, providerUrl: string): Promise<{ id: string; version: string }> {
  const fields = { Customer_Key__c: customerKey, FirstName: 'Ada', LastName: 'Pact', Email: 'ada@example.org', Core_Banking_Id__c: `CB-${customerKey}` };
  await api.conn.sobject('Contact').upsert(fields, 'Customer_Key__c');
  const served = (await (await fetch(`${providerUrl}/v1/customers/by-key/${customerKey}`)).json()) as { id: string; version: string };
  return { id: served.id, version: served.version };
}

async function removeContacts(where: string): Promise<void> {
  const found = await api.conn.query<{ Id: string }>(`SELECT Id FROM Contact WHERE ${where}`);
  for (const record of found.records) await api.conn.sobject('Contact').destroy(record.Id);
}

/** A contact with every field customer-sync maps filled in, created by someone in the org. */
async function createFilledContact(customerKey: string): Promise<string> {
  await removeContacts(`Customer_Key__c = '${customerKey}' OR Customer_Key__c = 'CK-800001'`);
  const fields = toContactFields({
    firstName: 'Ada', lastName: 'Lovelace', email: 'ada.lovelace@example.org', phone: '+15555550123', mobilePhone: '+15555550199', birthDate: '1980-02-14',
    mailingAddress: { street: '12 Elm St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'United States' }, status: 'active',
  });
  const created = (await other.sobject('Contact').create({ ...fields, Customer_Key__c: customerKey })) as { id: string };
  return created.id;
}

/** The version the API serves for contact `id`. */
async function servedVersion(providerUrl: string, id: string): Promise<string> {
  const res = await fetch(`${providerUrl}/v1/customers/${id}`);
  if (res.status !== 200) throw new Error(`contact ${id} is not served: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { version: string }).version;
}

/** A filled contact whose version customer-sync read, then saved by someone in the org: answers its id and that stale version. */
async function changedFilledContact(customerKey: string, providerUrl: string): Promise<{ id: string; staleVersion: string }> {
  const id = await createFilledContact(customerKey);
  const staleVersion = await servedVersion(providerUrl, id);
  await other.sobject('Contact').update({ Id: id, Email: 'ada.changed@example.org' });
  if ((await servedVersion(providerUrl, id)) === staleVersion) throw new Error(`saving contact ${id} did not move its version`);
  return { id, staleVersion };
}

/** Waits until the feed stops moving, so a page after the next cursor holds only what a state makes. */
async function settledHead(): Promise<string | undefined> {
  let cursor = await headCursor(api.app);
  for (;;) {
    const res = await request(api.app).get('/v1/changes').query({ limit: 1000, waitMs: 1500, ...(cursor ? { after: cursor } : {}) });
    if (res.body.changes.length === 0) return cursor;
    cursor = res.body.nextCursor as string;
  }
}

beforeAll(async () => {
  org = await startOrg();
  other = await connectAsOther(org.url);
  api = await startFeedApi(org.url);
}, 120_000);
afterAll(async () => {
  await api?.close();
  await org?.close();
});

it('honours every consumer pact', async () => {
  const provider = await listenOnFreePort(api.app);
  try {
    const output = await verifyPacts({
      provider: 'system-salesforce',
      providerBaseUrl: provider.url,
      stateHandlers: {
        'customer CK-PACT-5 exists': () => contactWithVersion('CK-PACT-5', provider.url),
        'customer CK-PACT-6 exists': () => contactWithVersion('CK-PACT-6', provider.url),
        'customer CK-PACT-1 exists': async () => {
          await api.conn.sobject('Contact').upsert({ Customer_Key__c: 'CK-PACT-1', FirstName: 'Ada', LastName: 'Pact', Email: 'ada@example.org', Core_Banking_Id__c: 'CB-PACT-1' }, 'Customer_Key__c');
          return undefined;
        },
        'no customer CK-PACT-2 exists': async () => {
          await removeContacts("Customer_Key__c = 'CK-PACT-2' OR Core_Banking_Id__c = 'CB-PACT-2'");
          return undefined;
        },
        'no customer CK-PACT-404 exists': async () => {
          await removeContacts("Customer_Key__c = 'CK-PACT-404'");
          return undefined;
        },
        'a fully filled customer is the newest change in the feed': async () => {
          // A change of its own before it: the cursor before the newest must exist even when no other consumer's states ran first.
          await createFilledContact('CK-800012');
          const head = await settledHead();
          const id = await createFilledContact('CK-800002');
          await readUntil(api.app, head, (all) => all.some((c) => c.entityId === id));
          return { after: await cursorBeforeLast(provider.url, '/v1/changes', id) };
        },
        'a fully filled customer is the last in the customer list': async () => ({ after: await cursorBeforeLast(provider.url, '/v1/customers', await createFilledContact('CK-800003')) }),
        'a fully filled customer exists': async () => {
          const id = await createFilledContact('CK-800004');
          return { id, version: await servedVersion(provider.url, id) };
        },
        'a fully filled customer has changed since the version last read': () => changedFilledContact('CK-800005', provider.url),
        'no contact has id 003000000000000AAA': async () => {
          await removeContacts("Id = '003000000000000AAA'");
          return undefined;
        },
      },
    });
    expect(output).toBeDefined();
  } finally {
    await provider.close();
  }
});
