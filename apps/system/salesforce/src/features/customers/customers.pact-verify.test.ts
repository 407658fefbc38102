/**
 * Provider verification: the real Salesforce System API, over the real org emulator,
 * answers every interaction its consumers recorded (pacts/*-system-salesforce.json).
 * Provider states seed the org through jsforce.
 */
import { listenOnFreePort, verifyPacts } from '@strata/testing';
import { startSystemApi } from '../../__fixtures__/system-api.harness';

jest.setTimeout(120_000);

type Api = Awaited<ReturnType<typeof startSystemApi>>;
let api: Api;

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

beforeAll(async () => {
  api = await startSystemApi();
});
afterAll(() => api.close());

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
      },
    });
    expect(output).toBeDefined();
  } finally {
    await provider.close();
  }
});
