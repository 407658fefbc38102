/**
 * Provider verification: the real core-banking System API, over the real bank emulator,
 * answers every interaction its consumers recorded (pacts/*-system-core-banking.json).
 * Provider states write to the bank the way a teller would, straight through its API.
 */
import { cursorBeforeLast, listenOnFreePort, verifyPacts } from '@strata/testing';
import { startSystemApi, tellerParty, type SystemApi } from '../../__fixtures__/system-api.harness';

jest.setTimeout(120_000);

let api: SystemApi;

/** The parties carrying a golden key, straight from the bank. */
async function partiesWithKey(customerKey: string): Promise<{ partyId: string }[]> {
  return (await api.bank(`/parties?externalRef=CRM:${customerKey}`)).body!['parties'] as { partyId: string }[];
}

/** Replaces a party as the bank's own clients do: read the ETag, then PUT with If-Match. */
async function replaceParty(partyId: string, body: object): Promise<void> {
  const current = await api.bank(`/parties/${partyId}`);
  const res = await api.bank(`/parties/${partyId}`, 'PUT', body, { 'if-match': current.etag! });
  if (res.status !== 200) throw new Error(`could not set up party ${partyId}: ${JSON.stringify(res.body)}`);
}

const PACT_1 = {
  externalRefs: [{ scheme: 'CRM', value: 'CK-PACT-1' }],
  legalName: { givenNames: 'Ada', familyName: 'Pact' },
  birthDate: '19800214',
  contact: { email: 'ada@example.org', phone: null },
};

/** No party answers to the key any more: the bank cannot delete, so the reference is removed. */
async function unlink(customerKey: string): Promise<undefined> {
  for (const { partyId } of await partiesWithKey(customerKey)) {
    const { partyId: _id, modifiedAt: _at, version: _v, ...body } = (await api.bank(`/parties/${partyId}`)).body as Record<string, unknown>;
    await replaceParty(partyId, { ...body, externalRefs: [] });
  }
  return undefined;
}

/** A new party with every field customer-sync maps filled in, keyed in at the bank; answers its id and version. */
async function createFilledParty(customerKey: string): Promise<{ id: string; version: number }> {
  await unlink(customerKey);
  await unlink('CK-800001');
  const created = await api.bank('/parties', 'POST', { ...tellerParty('Lovelace', customerKey), taxIdHash: 'a'.repeat(64) });
  if (created.status !== 201) throw new Error(`could not create party ${customerKey}: ${JSON.stringify(created.body)}`);
  return { id: String(created.body?.['partyId']), version: Number(created.body?.['version']) };
}

beforeAll(async () => {
  api = await startSystemApi({ seedPeople: 3 });
});
afterAll(() => api.close());

it('honours every consumer pact', async () => {
  const provider = await listenOnFreePort(api.app);
  try {
    const output = await verifyPacts({
      provider: 'system-core-banking',
      providerBaseUrl: provider.url,
      stateHandlers: {
        'customer CK-PACT-1 exists': async () => {
          const [existing] = await partiesWithKey('CK-PACT-1');
          if (existing) {
            await replaceParty(existing.partyId, PACT_1);
          } else {
            const created = await api.bank('/parties', 'POST', PACT_1);
            if (created.status !== 201) throw new Error(`could not create party CK-PACT-1: ${JSON.stringify(created.body)}`);
          }
          return undefined;
        },
        'no customer CK-PACT-2 exists': () => unlink('CK-PACT-2'),
        'no customer CK-PACT-404 exists': () => unlink('CK-PACT-404'),
        'a fully filled customer is the newest change in the feed': async () => {
          const { id } = await createFilledParty('CK-800002');
          await api.feed.drain();
          return { after: await cursorBeforeLast(provider.url, '/v1/changes', id) };
        },
        'a fully filled customer is the last in the customer list': async () => {
          const { id } = await createFilledParty('CK-800003');
          return { after: await cursorBeforeLast(provider.url, '/v1/customers', id) };
        },
        'a fully filled customer exists': () => createFilledParty('CK-800004'),
        'a fully filled customer has changed since version 1': async () => {
          const { id } = await createFilledParty('CK-800005');
          await replaceParty(id, { ...tellerParty('Lovelace', 'CK-800005'), contact: { email: 'ada.changed@example.org', phone: '+15555550100' } });
          return { id };
        },
        'no party has id P999999999': async () => {
          if ((await api.bank('/parties/P999999999')).status !== 404) throw new Error('party P999999999 exists');
          return undefined;
        },
        'the bank holds seeded people': async () => {
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
