/**
 * Consumer contract for the card platform System API, written as its consumers call it:
 * through the typed contract client. Writes pacts/contract-client-system-card-platform.json,
 * which `system-card-platform:pact-verify` checks against the real provider.
 */
import { rmSync } from 'node:fs';
import { createContractClient } from '@strata/http-client';
import { createLogger } from '@strata/logging';
import { definePactConsumer, MatchersV3, pactFilePath } from '@strata/testing';
import { systemCardPlatformContract } from './system-card-platform.contract';

const { like, regex, eachLike, integer, fromProviderState } = MatchersV3;
const CONSUMER = 'contract-client';
const PROVIDER = 'system-card-platform';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const JSON_TYPE = { 'content-type': regex(/application\/json.*/, 'application/json') };
const PROBLEM_TYPE = { 'content-type': regex(/application\/problem\+json.*/, 'application/problem+json') };
const logger = createLogger({ service: 'pact-consumer', silent: true });
const VERSION = regex(/^[0-9a-f]{64}$/, 'a'.repeat(64));
/** A version no record hashes to. */
const STALE_VERSION = '0'.repeat(64);

jest.setTimeout(30_000);

const customer = (customerKey: unknown, lastName: unknown) => ({
  id: regex(/^CP-\d{6}$/, 'CP-700001'),
  customerKey,
  firstName: like('ADA'),
  lastName,
  birthDate: regex(/^\d{4}-\d\d-\d\d$/, '1985-04-09'),
  email: like('ada@example.org'),
  phone: null,
  address: { street: null, city: null, state: null, postalCode: null, country: like('GB') },
  status: regex(/^(active|blocked|closed)$/, 'active'),
  cardProduct: null,
  updatedAt: null,
  version: VERSION,
});

const clientFor = (baseUrl: string) => createContractClient(systemCardPlatformContract, { baseUrl, logger, retry: false, validateResponses: true });

describe('consumer: the typed client expects system-card-platform to', () => {
  beforeAll(() => rmSync(pactFilePath(CONSUMER, PROVIDER), { force: true }));

  it('find a customer by golden key', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    pact
      .given('customer CK-700001 exists')
      .uponReceiving('a lookup of customer CK-700001 by golden key')
      .withRequest({ method: 'GET', path: '/v1/customers/by-key/CK-700001' })
      .willRespondWith({ status: 200, headers: JSON_TYPE, body: customer('CK-700001', 'Pact') });
    const found = await pact.executeTest((server) => clientFor(server.url).getCustomerByKey({ params: { customerKey: 'CK-700001' } }));
    expect(found?.customerKey).toBe('CK-700001');
  });

  it('read a customer by card platform id', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    pact
      .given('cardholder CP-700009 exists')
      .uponReceiving('a read of cardholder CP-700009')
      .withRequest({ method: 'GET', path: '/v1/customers/CP-700009' })
      .willRespondWith({ status: 200, headers: JSON_TYPE, body: { ...customer('CK-700009', 'Byid'), id: 'CP-700009' } });
    const found = await pact.executeTest((server) => clientFor(server.url).getCustomer({ params: { id: 'CP-700009' } }));
    expect(found?.id).toBe('CP-700009');
  });

  it('create a customer by golden key when it does not exist yet', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    const body = { firstName: 'Ada', lastName: 'Created', birthDate: '1985-04-09', email: 'ada@example.org', address: { country: 'GB' } };
    pact
      .given('no customer CK-700002 exists')
      .uponReceiving('an upsert of customer CK-700002 by golden key')
      .withRequest({ method: 'PUT', path: '/v1/customers/by-key/CK-700002', headers: JSON_TYPE, body })
      .willRespondWith({ status: 201, headers: JSON_TYPE, body: { id: regex(/^CP-\d{6}$/, 'CP-900001'), created: true, customer: customer('CK-700002', 'Created') } });
    const result = await pact.executeTest((server) => clientFor(server.url).$response.upsertCustomerByKey({ params: { customerKey: 'CK-700002' }, body }));
    expect(result?.status).toBe(201);
  });

  it('update a cardholder by id when If-Match carries its current version', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    const body = { email: 'ada.current@example.org' };
    pact
      .given('cardholder CP-700005 exists')
      .uponReceiving('an update of cardholder CP-700005 with its current version in If-Match')
      .withRequest({ method: 'PUT', path: '/v1/customers/CP-700005', headers: { ...JSON_TYPE, 'if-match': fromProviderState('"${version}"', `"${'a'.repeat(64)}"`) }, body })
      .willRespondWith({ status: 200, headers: JSON_TYPE, body: { id: 'CP-700005', created: false, customer: { ...customer('CK-700005', 'Pact'), id: 'CP-700005' } } });
    const result = await pact.executeTest((server) =>
      clientFor(server.url).updateCustomer({ params: { id: 'CP-700005' }, headers: { 'if-match': `"${'a'.repeat(64)}"` }, body }),
    );
    expect(result?.customer.id).toBe('CP-700005');
  });

  it('refuse an update by id with a stale If-Match with 412 problem+json', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    const body = { email: 'ada.stale@example.org' };
    pact
      .given('cardholder CP-700006 exists')
      .uponReceiving('an update of cardholder CP-700006 with a version it has moved on from')
      .withRequest({ method: 'PUT', path: '/v1/customers/CP-700006', headers: { ...JSON_TYPE, 'if-match': `"${STALE_VERSION}"` }, body })
      .willRespondWith({ status: 412, headers: PROBLEM_TYPE, body: { type: 'urn:strata:problem:precondition-failed', status: 412, title: like('The resource has changed') } });
    await pact.executeTest(async (server) => {
      const update = clientFor(server.url).updateCustomer({ params: { id: 'CP-700006' }, headers: { 'if-match': `"${STALE_VERSION}"` }, body });
      await expect(update).rejects.toMatchObject({ upstreamStatus: 412 });
    });
  });

  it('answer 404 problem+json for an unknown golden key', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    pact
      .given('no customer CK-700404 exists')
      .uponReceiving('a lookup of an unknown golden key')
      .withRequest({ method: 'GET', path: '/v1/customers/by-key/CK-700404' })
      .willRespondWith({ status: 404, headers: PROBLEM_TYPE, body: { type: 'urn:strata:problem:not-found', status: 404, title: like('Not found') } });
    await pact.executeTest(async (server) => {
      await expect(clientFor(server.url).getCustomerByKey({ params: { customerKey: 'CK-700404' } })).rejects.toMatchObject({ upstreamStatus: 404 });
    });
  });

  it('serve the change feed in the shared envelope', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    pact
      .given('the change feed has recorded cardholders')
      .uponReceiving('a read of the change feed from the start')
      .withRequest({ method: 'GET', path: '/v1/changes', query: { limit: '2' } })
      .willRespondWith({
        status: 200,
        headers: JSON_TYPE,
        body: {
          changes: eachLike({
            cursor: like('eyJzZXEiOjF9'),
            changeType: 'created',
            entityType: 'customer',
            entityId: regex(/^CP-\d{6}$/, 'CP-700001'),
            occurredAt: regex(ISO, '2026-01-01T10:00:00.000Z'),
            origin: { self: false, client: null },
            changedFields: [],
            data: customer(like('CK-700001'), like('Pact')),
          }),
          nextCursor: like('eyJzZXEiOjJ9'),
          resynced: false,
        },
      });
    const page = await pact.executeTest((server) => clientFor(server.url).listChanges({ query: { limit: 2 } }));
    expect(page?.changes[0]?.entityType).toBe('customer');
  });

  it('report the feed status with its quarantine', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    pact
      .given('the change feed has recorded cardholders')
      .uponReceiving('a read of the change feed status')
      .withRequest({ method: 'GET', path: '/v1/changes/status' })
      .willRespondWith({
        status: 200,
        headers: JSON_TYPE,
        body: {
          source: 'card-platform-snapshot',
          polling: like(false),
          position: like({ pass: 2, startAfter: null, page: 0 }),
          lastSuccessAt: regex(ISO, '2026-01-01T10:00:00.000Z'),
          lastError: null,
          lastErrorAt: null,
          quarantine: { total: integer(0), recent: [] },
        },
      });
    const status = await pact.executeTest((server) => clientFor(server.url).getChangesStatus());
    expect(status?.source).toBe('card-platform-snapshot');
  });
});
