/**
 * Consumer contract of customer-sync with the card platform System API, recorded through
 * the real binding: the change feed, the list page reconciliation walks, and the update
 * by cardholder id, which never carries a status (a card's status is the card's, not the
 * person's) and carries the `If-Match` of the version intake last read, so propagation
 * never overwrites a change it has not seen; a stale one is refused with 412; and the
 * batch update propagation sends a backlog through, each item answered on its own. Writes
 * pacts/process-customer-sync-system-card-platform.json for
 * `system-card-platform:pact-verify`.
 */
import { rmSync } from 'node:fs';
import { encodeCursor } from '@strata/contract-kit';
import { MatchersV3, pactFilePath } from '@strata/testing';
import * as pact from '../__fixtures__/system-pact.fixtures';
import { cardPlatformBinding } from './bindings';

const { like, regex, fromProviderState } = MatchersV3;
/** The cardholder the state created, by the id it answers. */
const CARDHOLDER_PATH = fromProviderState('/v1/customers/${id}', '/v1/customers/CP-800004');
const PROVIDER = 'system-card-platform';
const CARDHOLDER_ID = /^CP-\d{6}$/;
const UNKNOWN_ID = 'CP-000404';
/** A version is the sha256 of the platform's record. Examples: the one intake last read, the one after the write. */
const VERSION = /^[0-9a-f]{64}$/;
const READ_VERSION = '1b'.repeat(32);
const WRITTEN_VERSION = '9f'.repeat(32);

jest.setTimeout(30_000);

/**
 * A cardholder as customer-sync reads it: every mapped field filled (the platform keeps
 * no change time), and the version it sends back as If-Match.
 */
const cardholder = {
  id: regex(CARDHOLDER_ID, 'CP-999997'),
  ...pact.FILLED_PERSON,
  address: pact.filledAddress(regex(/^[A-Z]{2}$/, 'US')),
  status: regex(/^(active|blocked|closed)$/, 'active'),
  cardProduct: like('GOLD'),
  updatedAt: null,
  version: regex(VERSION, WRITTEN_VERSION),
};

const recorder = pact.bindingPact(PROVIDER, cardPlatformBinding);
const { status: _cardStatus, ...UPDATE_BODY } = pact.GOLDEN_UPDATE;

describe('consumer: customer-sync expects system-card-platform to', () => {
  beforeAll(() => rmSync(pactFilePath(pact.CONSUMER, PROVIDER), { force: true }));

  it('serve the change feed after a cursor, each change with its data, origin, time and type', async () => {
    const page = await recorder.feedPage(regex(CARDHOLDER_ID, 'CP-999997'), cardholder);
    expect(page?.changes[0]).toMatchObject({ changeType: 'created', origin: { self: false }, data: { customerKey: 'CK-800002', address: { country: 'US' } } });
  });

  it('list the cardholders after a cursor for reconciliation', async () => {
    const page = await recorder.listPage(200, encodeCursor({ id: 'CP-999997' }), { ...cardholder, id: regex(CARDHOLDER_ID, 'CP-999998') });
    expect(page?.items.map((c) => c.id)).toEqual(['CP-999998']);
    expect(page?.nextCursor).toBeNull();
  });

  it('take the golden record by cardholder id when If-Match carries the version intake last read, without a status', async () => {
    const outcome = await recorder.update(
      {
        state: pact.RECORD_STATE,
        description: 'an update of a cardholder by id with the version last read',
        path: CARDHOLDER_PATH,
        headers: pact.ifMatch(fromProviderState('"${version}"', `"${READ_VERSION}"`)),
        body: UPDATE_BODY,
        response: { status: 200, headers: pact.JSON_TYPE, body: { id: regex(CARDHOLDER_ID, 'CP-800004'), created: false, customer: { ...cardholder, customerKey: 'CK-800001' } } },
      },
      'CP-800004',
      READ_VERSION,
    );
    expect(outcome).toEqual({ version: WRITTEN_VERSION });
  });

  it('refuse the update with 412 when the cardholder changed since that version, which the binding rejects with that status', async () => {
    const outcome = await recorder.update(
      {
        state: pact.CHANGED_RECORD_STATE,
        description: 'an update of a cardholder by id with a stale version',
        path: CARDHOLDER_PATH,
        headers: pact.ifMatch(fromProviderState('"${staleVersion}"', `"${READ_VERSION}"`)),
        body: UPDATE_BODY,
        response: pact.problem(412, 'precondition-failed', 'The resource has changed'),
      },
      'CP-800004',
      READ_VERSION,
    );
    expect(outcome).toMatchObject({ name: 'UpstreamError', upstreamStatus: 412 });
  });

  it('answer 404 for a cardholder id it does not know, which the binding rejects with that status', async () => {
    const outcome = await recorder.update(
      { state: `no cardholder has id ${UNKNOWN_ID}`, description: 'an update of an unknown cardholder id', path: `/v1/customers/${UNKNOWN_ID}`, body: UPDATE_BODY, response: pact.problem(404, 'not-found', 'Not found') },
      UNKNOWN_ID,
      null,
    );
    expect(outcome).toMatchObject({ name: 'UpstreamError', upstreamStatus: 404 });
  });

  it('take a batch of updates and answer each item on its own, in order: the golden record written with the version last read, 404 for an unknown cardholder', async () => {
    const outcomes = await recorder.updateMany(
      ...pact.knownAndUnknownBatch({ noun: 'cardholder', unknownState: `no cardholder has id ${UNKNOWN_ID}`, unknownId: UNKNOWN_ID, idPattern: CARDHOLDER_ID, exampleId: 'CP-800004', readVersion: READ_VERSION, body: UPDATE_BODY, record: cardholder }),
    );
    expect(outcomes?.[0]).toEqual({ ok: true, recordVersion: WRITTEN_VERSION });
    expect(outcomes?.[1]).toMatchObject({ ok: false, error: { name: 'UpstreamError', upstreamStatus: 404 } });
  });

  it('serve a cardholder by id for the Customer 360, and 404 for an id it does not know (read as missing)', async () => {
    const found = await recorder.read({ state: pact.RECORD_STATE, description: 'a read of a cardholder by id', path: CARDHOLDER_PATH, response: { status: 200, headers: pact.JSON_TYPE, body: { ...cardholder, customerKey: regex(/^CK-\d{6,}$/, 'CK-800004') } } }, 'CP-800004');
    expect(found?.values).toMatchObject({ lastName: 'Lovelace', email: 'ada.lovelace@example.org' });
    const missing = await recorder.read({ state: `no cardholder has id ${UNKNOWN_ID}`, description: 'a read of an unknown id', path: `/v1/customers/${UNKNOWN_ID}`, response: pact.problem(404, 'not-found', 'Not found') }, UNKNOWN_ID);
    expect(missing).toBeNull();
  });
});
