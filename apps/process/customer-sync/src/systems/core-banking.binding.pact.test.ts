/**
 * Consumer contract of customer-sync with the core-banking System API, recorded through
 * the real binding: the change feed, the list page reconciliation walks, and the update
 * by party id with the `If-Match` of the version intake last read (so propagation never
 * overwrites a change it has not seen), including the 412 that makes a delivery wait,
 * and the batch update propagation sends a backlog through, each item answered on its own.
 * Writes pacts/process-customer-sync-system-core-banking.json for
 * `system-core-banking:pact-verify`.
 */
import { rmSync } from 'node:fs';
import { encodeCursor } from '@strata/contract-kit';
import { MatchersV3, pactFilePath } from '@strata/testing';
import * as pact from '../__fixtures__/system-pact.fixtures';
import { coreBankingBinding } from './bindings';

const { regex, integer, fromProviderState } = MatchersV3;
/** The party the state created, by the id it answers. */
const PARTY_PATH = fromProviderState('/v1/customers/${id}', '/v1/customers/P500000001');
const PROVIDER = 'system-core-banking';
const PARTY_ID = /^P\d{9}$/;
const UNKNOWN_ID = 'P999999999';

jest.setTimeout(30_000);

/** A party as customer-sync reads it: every mapped field filled, and the version it sends back as If-Match. */
const party = {
  id: regex(PARTY_ID, 'P500000001'),
  ...pact.FILLED_PERSON,
  address: pact.filledAddress(),
  status: regex(/^(active|inactive|deceased)$/, 'active'),
  taxIdHash: regex(/^[0-9a-f]{64}$/, 'a'.repeat(64)),
  version: integer(3),
  updatedAt: regex(pact.ISO, '2026-03-01T10:00:00Z'),
};

const recorder = pact.bindingPact(PROVIDER, coreBankingBinding);

describe('consumer: customer-sync expects system-core-banking to', () => {
  beforeAll(() => rmSync(pactFilePath(pact.CONSUMER, PROVIDER), { force: true }));

  it('serve the change feed after a cursor, each change with its data, origin, time and type', async () => {
    const page = await recorder.feedPage(regex(PARTY_ID, 'P500000001'), party);
    expect(page?.changes[0]).toMatchObject({ changeType: 'created', origin: { self: false }, data: { customerKey: 'CK-800002', version: 3 } });
  });

  it('list the customers after a cursor for reconciliation, 100 at a time', async () => {
    const page = await recorder.listPage(100, encodeCursor({ t: '20260301100000', id: 'P500000000' }), party);
    expect(page?.items.map((c) => c.customerKey)).toEqual(['CK-800002']);
    expect(page?.nextCursor).toBeNull();
  });

  it('take the golden record by party id when If-Match carries the version intake last read, answering the version after the write', async () => {
    const outcome = await recorder.update(
      {
        state: pact.RECORD_STATE,
        description: 'an update of a party by id with the version last read',
        path: PARTY_PATH,
        headers: pact.ifMatch(fromProviderState('"${version}"', '"3"')),
        body: pact.GOLDEN_UPDATE,
        response: { status: 200, headers: pact.JSON_TYPE, body: { id: regex(PARTY_ID, 'P500000001'), created: false, customer: { ...party, customerKey: 'CK-800001' } } },
      },
      'P500000001',
      '3',
    );
    expect(outcome).toEqual({ version: '3' });
  });

  it('refuse the update with 412 when the party changed since that version, which the binding rejects with that status', async () => {
    const outcome = await recorder.update(
      {
        state: 'a fully filled customer has changed since version 1',
        description: 'an update of a party by id with a stale version',
        path: PARTY_PATH,
        headers: pact.ifMatch('"1"'),
        body: pact.GOLDEN_UPDATE,
        response: pact.problem(412, 'precondition-failed', 'The resource has changed'),
      },
      'P500000001',
      '1',
    );
    expect(outcome).toMatchObject({ name: 'UpstreamError', upstreamStatus: 412 });
  });

  it('answer 404 for a party id it does not know, which the binding rejects with that status', async () => {
    const outcome = await recorder.update(
      { state: `no party has id ${UNKNOWN_ID}`, description: 'an update of an unknown party id', path: `/v1/customers/${UNKNOWN_ID}`, body: pact.GOLDEN_UPDATE, response: pact.problem(404, 'not-found', 'Not found') },
      UNKNOWN_ID,
      null,
    );
    expect(outcome).toMatchObject({ name: 'UpstreamError', upstreamStatus: 404 });
  });

  it('take a batch of updates and answer each item on its own, in order: the golden record written to a known party, 404 for an unknown one', async () => {
    const outcomes = await recorder.updateMany(
      {
        states: [pact.RECORD_STATE, `no party has id ${UNKNOWN_ID}`],
        description: 'a batch update of a known and an unknown party',
        body: {
          items: [
            { id: fromProviderState('${id}', 'P500000001'), ifMatch: fromProviderState('"${version}"', '"3"'), update: pact.GOLDEN_UPDATE },
            { id: UNKNOWN_ID, update: pact.GOLDEN_UPDATE },
          ],
        },
        response: {
          status: 200,
          headers: pact.JSON_TYPE,
          body: {
            results: [
              { id: regex(PARTY_ID, 'P500000001'), status: 200, result: { id: regex(PARTY_ID, 'P500000001'), created: false, customer: { ...party, customerKey: 'CK-800001' } } },
              { id: UNKNOWN_ID, status: 404, problem: pact.problem(404, 'not-found', 'Not found').body },
            ],
          },
        },
      },
      [
        { recordId: 'P500000001', update: pact.GOLDEN_UPDATE, expectedVersion: '3' },
        { recordId: UNKNOWN_ID, update: pact.GOLDEN_UPDATE, expectedVersion: null },
      ],
    );
    expect(outcomes?.[0]).toEqual({ ok: true, recordVersion: '3' });
    expect(outcomes?.[1]).toMatchObject({ ok: false, error: { name: 'UpstreamError', upstreamStatus: 404 } });
  });

  it('serve a party by id for the Customer 360, and 404 for an id it does not know (read as missing)', async () => {
    const found = await recorder.read({ state: pact.RECORD_STATE, description: 'a read of a party by id', path: PARTY_PATH, response: { status: 200, headers: pact.JSON_TYPE, body: { ...party, customerKey: regex(/^CK-\d{6,}$/, 'CK-800004') } } }, 'P500000001');
    expect(found?.values).toMatchObject({ lastName: 'Lovelace', email: 'ada.lovelace@example.org' });
    const missing = await recorder.read({ state: `no party has id ${UNKNOWN_ID}`, description: 'a read of an unknown id', path: `/v1/customers/${UNKNOWN_ID}`, response: pact.problem(404, 'not-found', 'Not found') }, UNKNOWN_ID);
    expect(missing).toBeNull();
  });
});
