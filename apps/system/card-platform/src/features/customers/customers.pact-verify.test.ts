/**
 * Provider verification: the real card platform System API, over the real emulator
 * process, answers every interaction its consumers recorded
 * (pacts/*-system-card-platform.json). Provider states seed the emulator through its
 * SOAP service and admin routes.
 */
import { encodeCursor } from '@strata/contract-kit';
import { cursorBeforeLast, listenOnFreePort, verifyPacts } from '@strata/testing';
import { startSystemApi } from '../../__fixtures__/system-api.harness';

jest.setTimeout(120_000);

type Api = Awaited<ReturnType<typeof startSystemApi>>;
let api: Api;

async function removeByKey(customerKey: string): Promise<void> {
  const [found] = await (await api.emulator.soapClient()).SearchCardholdersAsync({ CustomerRef: customerKey });
  const records = found?.Cardholder ? [found.Cardholder].flat() : [];
  for (const record of records as { CardholderId: string }[]) await api.emulator.admin(`/cardholders/${record.CardholderId}`, 'DELETE');
}

const pactCardholder = { CustomerRef: 'CK-700001', FullName: 'PACT, ADA', DateOfBirth: '09/04/1985', EmailAddress: 'ada@example.org', CountryCode: 'GB', Status: 'OPEN' };

/** The change feed's "from the beginning": the state's cardholder may be the first change the feed ever recorded. */
const FEED_START = encodeCursor({ seq: 0 });

/** A cardholder with every field customer-sync maps filled in, as the platform stores it. */
const filledCardholder = (customerKey: string) => ({
  CustomerRef: customerKey, FullName: 'LOVELACE, ADA', DateOfBirth: '14/02/1980', EmailAddress: 'ada.lovelace@example.org', MobileNumber: '+15555550123',
  AddrLine1: '12 ELM ST', AddrLine2: 'SPRINGFIELD', AddrLine3: 'IL', PostCode: '62701', CountryCode: 'US', Status: 'OPEN', CardProduct: 'GOLD',
});

/** Removes cardholder `id` if the platform has it; the feed's next pass reports it deleted. */
async function removeCardholder(id: string): Promise<void> {
  await api.emulator.admin(`/cardholders/${id}`, 'DELETE').catch((error: Error) => {
    if (!error.message.includes('answered 404')) throw error;
  });
}

/** Cardholder `id` anew (so the feed reports it created), keyed `customerKey`, with no one else holding the key customer-sync stamps. */
async function createFilledCardholder(id: string, customerKey: string): Promise<{ id: string }> {
  await removeByKey('CK-800001');
  await removeCardholder(id);
  await api.feed.drain();
  await api.emulator.admin(`/cardholders/${id}`, 'PUT', filledCardholder(customerKey));
  return { id };
}

/** The version the API serves for cardholder `id`. */
async function servedVersion(providerUrl: string, id: string): Promise<string> {
  const res = await fetch(`${providerUrl}/v1/customers/${id}`);
  if (res.status !== 200) throw new Error(`cardholder ${id} is not served: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { version: string }).version;
}

/** A filled cardholder whose version customer-sync read, then changed on the platform: answers its id and that stale version. */
async function changedFilledCardholder(id: string, customerKey: string, providerUrl: string): Promise<{ id: string; staleVersion: string }> {
  await createFilledCardholder(id, customerKey);
  const staleVersion = await servedVersion(providerUrl, id);
  await api.emulator.admin(`/cardholders/${id}`, 'PUT', { ...filledCardholder(customerKey), EmailAddress: 'ada.changed@example.org' });
  if ((await servedVersion(providerUrl, id)) === staleVersion) throw new Error(`changing cardholder ${id} did not move its version`);
  return { id, staleVersion };
}

/** Cardholder `id` as the platform holds it, and the version the API serves for it. */
async function cardholderWithVersion(id: string, customerKey: string, providerUrl: string): Promise<{ version: string }> {
  await api.emulator.admin(`/cardholders/${id}`, 'PUT', { ...pactCardholder, CustomerRef: customerKey });
  const served = (await (await fetch(`${providerUrl}/v1/customers/${id}`)).json()) as { version: string };
  return { version: served.version };
}

beforeAll(async () => {
  api = await startSystemApi({ people: 0 });
}, 60_000);
afterAll(() => api.close());

it('honours every consumer pact', async () => {
  const provider = await listenOnFreePort(api.app);
  try {
    const output = await verifyPacts({
      provider: 'system-card-platform',
      providerBaseUrl: provider.url,
      stateHandlers: {
        'cardholder CP-700005 exists': () => cardholderWithVersion('CP-700005', 'CK-700005', provider.url),
        'cardholder CP-700006 exists': () => cardholderWithVersion('CP-700006', 'CK-700006', provider.url),
        'customer CK-700001 exists': async () => {
          await api.emulator.admin('/cardholders/CP-700001', 'PUT', pactCardholder);
          return undefined;
        },
        'cardholder CP-700009 exists': async () => {
          await api.emulator.admin('/cardholders/CP-700009', 'PUT', { CustomerRef: 'CK-700009', FullName: 'BYID, ADA', DateOfBirth: '09/04/1985', EmailAddress: 'ada@example.org', CountryCode: 'GB', Status: 'OPEN' });
          return undefined;
        },
        'no customer CK-700002 exists': async () => {
          await removeByKey('CK-700002');
          return undefined;
        },
        'no customer CK-700404 exists': async () => {
          await removeByKey('CK-700404');
          return undefined;
        },
        'a fully filled customer is the newest change in the feed': async () => {
          await createFilledCardholder('CP-999997', 'CK-800002');
          await api.feed.drain();
          return { after: await cursorBeforeLast(provider.url, '/v1/changes', 'CP-999997', FEED_START) };
        },
        'a fully filled customer is the last in the customer list': async () => {
          await createFilledCardholder('CP-999998', 'CK-800003');
          return { after: await cursorBeforeLast(provider.url, '/v1/customers', 'CP-999998') };
        },
        'a fully filled customer exists': async () => {
          const { id } = await createFilledCardholder('CP-800004', 'CK-800004');
          return { id, version: await servedVersion(provider.url, id) };
        },
        'a fully filled customer has changed since the version last read': () => changedFilledCardholder('CP-800005', 'CK-800005', provider.url),
        'no cardholder has id CP-000404': async () => {
          await removeCardholder('CP-000404');
          return undefined;
        },
        'the change feed has recorded cardholders': async () => {
          await api.emulator.admin('/cardholders/CP-000000', 'PUT', { ...pactCardholder, CustomerRef: 'CK-700000' });
          await api.feed.drain();
          return undefined;
        },
      },
    });
    expect(output).toBeDefined();
  } finally {
    await provider.close();
  }
});
