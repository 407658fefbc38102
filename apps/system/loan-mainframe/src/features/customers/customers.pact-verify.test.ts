/**
 * Provider verification: the real loan mainframe System API, over the real emulator,
 * answers every interaction its consumers recorded (pacts/*-system-loan-mainframe.json).
 * Provider states key loans in through the emulator's admin levers, which makes it write
 * change files, and drain the feed so the API has read them.
 */
import { listenOnFreePort, verifyPacts } from '@strata/testing';
import { startSystemApi } from '../../__fixtures__/system-api.harness';

jest.setTimeout(120_000);

type Api = Awaited<ReturnType<typeof startSystemApi>>;
let api: Api;

beforeAll(async () => {
  api = await startSystemApi({ people: 0 });
});
afterAll(() => api?.close());

const PACT_LOAN = {
  customerKey: 'CK-770001', surname: 'PACT', givenNames: 'ADA', email: 'ADA@EXAMPLE.ORG', birthDate: '1980-01-02', phone: '', street: '', city: '',
  state: '', postalCode: '', country: '', statusCode: 'A', balance: 1234.5, interestRate: 4.5,
};

it('honours every consumer pact', async () => {
  const provider = await listenOnFreePort(api.app);
  try {
    const output = await verifyPacts({
      provider: 'system-loan-mainframe',
      providerBaseUrl: provider.url,
      stateHandlers: {
        'loan LN-77000001 of customer CK-770001 exists': async () => {
          await api.admin('/loans/LN-77000001', 'PUT', PACT_LOAN);
          await api.feed.drain();
          return undefined;
        },
        'no loan for customer CK-770404': async () => undefined,
      },
    });
    expect(output).toBeDefined();
  } finally {
    await provider.close();
  }
});
