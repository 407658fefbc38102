/**
 * Provider verification: the real loan mainframe System API, over the real emulator,
 * answers every interaction its consumers recorded (pacts/*-system-loan-mainframe.json).
 * Provider states key loans in through the emulator's admin levers, which makes it write
 * change files, and drain the feed so the API has read them.
 */
import { encodeCursor } from '@strata/contract-kit';
import { cursorBeforeLast, eventually, listenOnFreePort, verifyPacts } from '@strata/testing';
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

/** The change feed's "from the beginning": the state's loan may be the first change the feed ever read. */
const FEED_START = encodeCursor({ seq: 0 });

/** Keys loan `id` in through the emulator's admin lever; throws when the emulator refuses it, so the state fails visibly. */
async function putLoan(id: string, loan: object): Promise<void> {
  const answer = await api.admin(`/loans/${id}`, 'PUT', loan);
  if (!answer['record']) throw new Error(`could not key in loan ${id}: ${JSON.stringify(answer)}`);
}

/** Keys loan `id` in with every field customer-sync maps filled, and waits until the API has read its change file. */
async function keyInFilledLoan(id: string, customerKey: string): Promise<{ id: string }> {
  await putLoan(id, {
    ...PACT_LOAN, customerKey, surname: 'LOVELACE', givenNames: 'ADA', email: 'ADA.LOVELACE@EXAMPLE.ORG', birthDate: '1980-02-14', phone: '+15555550123',
    street: '12 ELM ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '62701', country: 'US',
  });
  await api.feed.drain();
  return { id };
}

it('honours every consumer pact', async () => {
  const provider = await listenOnFreePort(api.app);
  try {
    const output = await verifyPacts({
      provider: 'system-loan-mainframe',
      providerBaseUrl: provider.url,
      stateHandlers: {
        'loan LN-77000001 of customer CK-770001 exists': async () => {
          await putLoan('LN-77000001', PACT_LOAN);
          await api.feed.drain();
          return undefined;
        },
        'no loan for customer CK-770404': async () => undefined,
        'a fully filled customer is the newest change in the feed': async () => {
          // Keyed in again on every try: an update another consumer's interaction sent without
          // waiting may be applied by the emulator's batch cycle after the first keying-in, and
          // then its change, not this loan's, is the newest for good. Each keying-in writes a
          // new change, so the loan is the newest again once the cycle has caught up.
          const cursor = await eventually(
            'LN-99999997 to be the newest change',
            async () => {
              await keyInFilledLoan('LN-99999997', 'CK-800002');
              return cursorBeforeLast(provider.url, '/v1/changes', 'LN-99999997', FEED_START).then(
                (after) => ({ after }),
                (error: Error) => ({ after: undefined, why: error.message }),
              );
            },
            (found) => found.after !== undefined,
            45_000,
            500,
          );
          return { after: cursor.after };
        },
        'a fully filled customer is the last in the customer list': async () => {
          await keyInFilledLoan('LN-99999998', 'CK-800003');
          return { after: await cursorBeforeLast(provider.url, '/v1/customers', 'LN-99999998') };
        },
        'a fully filled customer exists': () => keyInFilledLoan('LN-80000004', 'CK-800004'),
        'no loan has account LN-00000404': async () => {
          if ((await api.admin('/loans/LN-00000404', 'GET'))['surname']) throw new Error('loan LN-00000404 exists');
          return undefined;
        },
      },
    });
    expect(output).toBeDefined();
  } finally {
    await provider.close();
  }
});
