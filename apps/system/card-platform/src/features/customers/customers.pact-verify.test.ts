/**
 * Provider verification: the real card platform System API, over the real emulator
 * process, answers every interaction its consumers recorded
 * (pacts/*-system-card-platform.json). Provider states seed the emulator through its
 * SOAP service and admin routes.
 */
import { listenOnFreePort, verifyPacts } from '@strata/testing';
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
