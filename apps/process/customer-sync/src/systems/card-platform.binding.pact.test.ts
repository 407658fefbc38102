/**
 * Consumer contract of customer-sync with the card platform System API, recorded through
 * the real binding: the change feed, the list page reconciliation walks, and the update
 * by cardholder id, which never carries a status (a card's status is the card's, not the
 * person's). Writes pacts/process-customer-sync-system-card-platform.json for
 * `system-card-platform:pact-verify`. No If-Match yet: the card platform API is only now
 * getting versions.
 */
import { rmSync } from 'node:fs';
import { encodeCursor } from '@strata/contract-kit';
import { MatchersV3, pactFilePath } from '@strata/testing';
import * as pact from '../__fixtures__/system-pact.fixtures';
import { cardPlatformBinding } from './bindings';

const { like, regex } = MatchersV3;
const PROVIDER = 'system-card-platform';
const CARDHOLDER_ID = /^CP-\d{6}$/;
const UNKNOWN_ID = 'CP-000404';

jest.setTimeout(30_000);

/** A cardholder as customer-sync reads it, every mapped field filled (the platform keeps no change time). */
const cardholder = {
  id: regex(CARDHOLDER_ID, 'CP-999997'),
  ...pact.FILLED_PERSON,
  address: pact.filledAddress(regex(/^[A-Z]{2}$/, 'US')),
  status: regex(/^(active|blocked|closed)$/, 'active'),
  cardProduct: like('GOLD'),
  updatedAt: null,
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

  it('take the golden record by cardholder id, without a status', async () => {
    const outcome = await recorder.update(
      {
        state: pact.RECORD_STATE,
        description: 'an update of a cardholder by id with the golden record',
        path: MatchersV3.fromProviderState('/v1/customers/${id}', '/v1/customers/CP-800004'),
        body: UPDATE_BODY,
        response: { status: 200, headers: pact.JSON_TYPE, body: { id: regex(CARDHOLDER_ID, 'CP-800004'), created: false, customer: { ...cardholder, customerKey: 'CK-800001' } } },
      },
      'CP-800004',
      null,
    );
    expect(outcome).toBeUndefined();
  });

  it('answer 404 for a cardholder id it does not know, which the binding rejects with that status', async () => {
    const outcome = await recorder.update(
      { state: `no cardholder has id ${UNKNOWN_ID}`, description: 'an update of an unknown cardholder id', path: `/v1/customers/${UNKNOWN_ID}`, body: UPDATE_BODY, response: pact.problem(404, 'not-found', 'Not found') },
      UNKNOWN_ID,
      null,
    );
    expect(outcome).toMatchObject({ name: 'UpstreamError', upstreamStatus: 404 });
  });
});
