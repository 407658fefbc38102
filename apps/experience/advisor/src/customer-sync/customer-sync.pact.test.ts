/**
 * Consumer contract of experience-advisor with customer-sync: the calls the advisor's
 * routes make, driven through the app's own CustomersService and typed client against a
 * Pact mock. Writes pacts/experience-advisor-process-customer-sync.json, which
 * `process-customer-sync:pact-verify` checks against the real app.
 */
import { rmSync } from 'node:fs';
import type { V3MockServer } from '@pact-foundation/pact';
import { NotFoundError } from '@strata/errors';
import { createLogger } from '@strata/logging';
import { definePactConsumer, MatchersV3, pactFilePath } from '@strata/testing';
import {
  GOLDEN_RECORD_STATE as RECORD,
  goldenRecordMatcher,
  ISO_DATETIME as ISO,
  JSON_CONTENT as JSON_TYPE,
  PROBLEM_CONTENT as PROBLEM_TYPE,
  VALUE_SOURCE,
} from '@strata/contracts-process-customer-sync/testing';
import { CustomersService } from '../features/customers/customers.service';
import { toSyncHealthView } from '../features/operations/sync-health.mapper';
import { createCustomerSyncClient } from './customer-sync.client';

const { like, regex, eachLike, integer, boolean, fromProviderState } = MatchersV3;
const CONSUMER = 'experience-advisor';
const PROVIDER = 'process-customer-sync';
/** The provider state of {@link RECORD} with core banking unreadable (its breaker open). */
const SYSTEM_DOWN = 'golden record CK-900001 exists, linked to core banking, which cannot be read';
const logger = createLogger({ service: 'pact-consumer', silent: true });

jest.setTimeout(30_000);

const at = () => regex(ISO, '2026-03-01T10:00:00.000Z');
const golden = goldenRecordMatcher({ customerKey: 'CK-900001', version: integer(3) });
const source = (system: string, rule: string) => ({ system: regex(VALUE_SOURCE, system), at: at(), rule: like(rule) });
/**
 * The history the provider state leaves, newest first: the phone and the address set
 * through the API (versions 3 and 2), after core banking's party created the record.
 */
const phoneEntry = { version: integer(3), at: at(), cause: 'api', changes: [{ field: 'phone', from: null, to: like('+15555550123'), source: source('api', 'most-recent') }], rejected: [] };
const addressEntry = {
  version: integer(2),
  at: at(),
  cause: 'api',
  changes: [{ field: 'address', from: null, to: like({ street: '12 Elm St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' }), source: source('api', 'most-recent') }],
  rejected: [],
};
const createdEntry = {
  version: integer(1),
  at: at(),
  cause: 'core-banking',
  changes: eachLike({ field: regex(/^(firstName|lastName|birthDate|email|status)$/, 'lastName'), from: null, to: like('Lovelace'), source: source('core-banking', 'only-source') }),
  rejected: [],
};
const address = { street: null, city: null, state: null, postalCode: null, country: null };
/** Core banking's party as the provider state seeds it: names, email and birth date, nothing else. */
const coreBankingView = { firstName: like('Ada'), lastName: like('Lovelace'), birthDate: like('1980-02-14'), email: like('ada.lovelace@example.org'), phone: null, address, status: null };

const clientFor = (server: V3MockServer) => createCustomerSyncClient({ baseUrl: server.url, logger, retry: false, validateResponses: true });
const consumer = () => definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });

/** The three calls of one Customer 360, in `state`, with the systems answer given. */
function customer360(state: string, description: string, systems: object) {
  const pact = consumer();
  const params = { path: '/v1/customers/CK-900001' };
  pact.given(state).uponReceiving(`${description}: the golden record`).withRequest({ method: 'GET', ...params }).willRespondWith({ status: 200, headers: JSON_TYPE, body: golden });
  pact
    .given(state)
    .uponReceiving(`${description}: each linked system's live view`)
    .withRequest({ method: 'GET', path: '/v1/customers/CK-900001/systems' })
    .willRespondWith({ status: 200, headers: JSON_TYPE, body: { customerKey: 'CK-900001', version: integer(3), readAt: at(), systems } });
  pact
    .given(state)
    .uponReceiving(`${description}: the latest history`)
    .withRequest({ method: 'GET', path: '/v1/customers/CK-900001/history', query: { limit: '10' } })
    .willRespondWith({ status: 200, headers: JSON_TYPE, body: { items: [phoneEntry, addressEntry, createdEntry], nextCursor: null } });
  return pact;
}

describe('consumer: experience-advisor expects process-customer-sync to', () => {
  beforeAll(() => rmSync(pactFilePath(CONSUMER, PROVIDER), { force: true }));

  it('answer the three parts of a Customer 360, every linked system in step', async () => {
    const pact = customer360(RECORD, 'an advisor 360 of CK-900001', [{ system: 'core-banking', recordId: like('P9001'), status: 'in-step', view: coreBankingView, differences: [], reason: null }]);
    const view = await pact.executeTest((server) => new CustomersService(clientFor(server)).view360('CK-900001'));
    expect(view).toMatchObject({ inStep: true, customer: { customerKey: 'CK-900001', version: 3 }, systems: [{ system: 'core-banking', status: 'in-step', record: { lastName: 'Lovelace' } }] });
    expect(view?.history.items).toHaveLength(3);
  });

  it('report a linked system it cannot read as unavailable, and still answer the 360', async () => {
    const pact = customer360(SYSTEM_DOWN, 'an advisor 360 of CK-900001 with core banking down', [
      { system: 'core-banking', recordId: like('P9001'), status: 'unavailable', view: null, differences: [], reason: like('breaker-open') },
    ]);
    const view = await pact.executeTest((server) => new CustomersService(clientFor(server)).view360('CK-900001'));
    expect(view).toMatchObject({ inStep: false, systems: [{ status: 'unavailable', record: null, reason: 'breaker-open' }] });
  });

  it('find customers by name, as summaries', async () => {
    const pact = consumer();
    pact
      .given('golden records CK-900001 and CK-900002 exist')
      .uponReceiving('an advisor search by last name')
      .withRequest({ method: 'GET', path: '/v1/customers', query: { q: 'lovelace', limit: '20' } })
      .willRespondWith({ status: 200, headers: JSON_TYPE, body: { items: eachLike(goldenRecordMatcher(), 2), nextCursor: null } });
    const page = await pact.executeTest((server) => new CustomersService(clientFor(server)).search({ q: 'lovelace', limit: 20 }));
    expect(page?.items.map((c) => c.displayName)).toEqual(['Ada Lovelace', 'Ada Lovelace']);
  });

  it('page through the history with a cursor', async () => {
    const pact = consumer();
    pact
      .given(RECORD)
      .uponReceiving('an advisor read of the first two history entries of CK-900001')
      .withRequest({ method: 'GET', path: '/v1/customers/CK-900001/history', query: { limit: '2' } })
      .willRespondWith({ status: 200, headers: JSON_TYPE, body: { items: [phoneEntry, addressEntry], nextCursor: like('eyJ2ZXJzaW9uIjoyfQ') } });
    const page = await pact.executeTest((server) => new CustomersService(clientFor(server)).history('CK-900001', { limit: 2 }));
    expect(page?.items).toHaveLength(2);
    expect(page?.nextCursor).toEqual(expect.any(String));
  });

  it('answer 404 for an unknown customer, which the advisor passes on as its own', async () => {
    const pact = consumer();
    pact
      .given(RECORD)
      .uponReceiving('an advisor read of the history of an unknown customer')
      .withRequest({ method: 'GET', path: '/v1/customers/CK-999999/history', query: { limit: '20' } })
      .willRespondWith({ status: 404, headers: PROBLEM_TYPE, body: { type: 'urn:strata:problem:not-found', status: 404, title: like('Not found') } });
    await pact.executeTest(async (server) => {
      await expect(new CustomersService(clientFor(server)).history('CK-999999', { limit: 20 })).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  it('report the health of every feed and outbox, with breaker states', async () => {
    const pact = consumer();
    const source = (system: string) => ({ system, lagSeconds: like(0), consuming: boolean(false), lastReadAt: at(), lastError: null });
    const unread = (system: string) => ({ system, lagSeconds: null, consuming: boolean(false), lastReadAt: null, lastError: null });
    const target = { system: regex(VALUE_SOURCE, 'core-banking'), outboxDepth: integer(0), delivered: integer(1), oldestPendingSeconds: null, deadLetters: integer(0), breaker: regex(/^(closed|open|half-open)$/, 'closed'), lastError: null };
    pact
      .given(RECORD)
      // The state's app consumes Salesforce and core banking only: the other two feeds were never read.
      .uponReceiving('an advisor read of the sync health')
      .withRequest({ method: 'GET', path: '/v1/status' })
      .willRespondWith({ status: 200, headers: JSON_TYPE, body: { sources: [source('salesforce'), source('core-banking'), unread('card-platform'), unread('loan-mainframe')], targets: eachLike(target), openReviews: integer(0) } });
    const health = await pact.executeTest(async (server) => toSyncHealthView(await clientFor(server).getSyncHealth()));
    expect(health?.systems.map((s) => s.system)).toEqual(['salesforce', 'core-banking', 'card-platform', 'loan-mainframe']);
    expect(health?.systems.find((s) => s.system === 'core-banking')).toMatchObject({ breaker: 'closed', deadLetters: 0 });
  });

  it('keep the staff member who decided a review', async () => {
    const pact = consumer();
    pact
      .given('an open match review for CK-900002')
      .uponReceiving('an advisor accept decision naming the staff member')
      .withRequest({ method: 'POST', path: fromProviderState('/v1/reviews/${reviewId}/decision', '/v1/reviews/1/decision'), headers: JSON_TYPE, body: { decision: 'accept', decidedBy: 'staff-42' } })
      .willRespondWith({
        status: 200,
        headers: JSON_TYPE,
        body: {
          id: like('1'),
          status: 'accepted',
          candidate: { system: like('salesforce'), id: like('003B'), data: like({}) },
          customerKey: 'CK-900002',
          rule: like('name-birthdate-postcode'),
          score: like(0.8),
          createdAt: at(),
          decidedAt: at(),
          decidedBy: 'staff-42',
        },
      });
    const review = await pact.executeTest((server) => clientFor(server).decideReview({ params: { id: '1' }, body: { decision: 'accept', decidedBy: 'staff-42' } }));
    expect(review).toMatchObject({ status: 'accepted', decidedBy: 'staff-42' });
  });
});
