/**
 * Consumer contract for the Salesforce System API, written as its consumers call it:
 * through the typed contract client. Writes pacts/contract-client-system-salesforce.json,
 * which `system-salesforce:pact-verify` checks against the real provider.
 */
import { rmSync } from 'node:fs';
import { createLogger } from '@strata/logging';
import { createContractClient } from '@strata/http-client';
import { definePactConsumer, MatchersV3, pactFilePath } from '@strata/testing';
import { systemSalesforceContract } from './system-salesforce.contract';

const { like, regex, fromProviderState } = MatchersV3;
const CONSUMER = 'contract-client';
const PROVIDER = 'system-salesforce';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const JSON_TYPE = { 'content-type': regex(/application\/json.*/, 'application/json') };
/** A version no contact can hold: its LastModifiedDate is in 2001. */
const STALE_VERSION = '1000000000000-00000000';
const logger = createLogger({ service: 'pact-consumer', silent: true });

jest.setTimeout(30_000);

const customer = (customerKey: string, lastName: string) => ({
  id: regex(/^003[A-Za-z0-9]{15}$/, '0035g0000000001AAA'),
  customerKey,
  firstName: like('Ada'),
  lastName,
  email: like('ada@example.org'),
  phone: null,
  mobilePhone: null,
  birthDate: null,
  mailingAddress: { street: null, city: null, state: null, postalCode: null, country: null },
  accountId: null,
  externalIds: { coreBanking: like('CB-PACT-1'), cardPlatform: null, loanSystem: null },
  status: null,
  preferredChannels: [],
  createdAt: regex(ISO, '2026-01-01T10:00:00.000+00:00'),
  updatedAt: regex(ISO, '2026-01-01T10:00:00.000+00:00'),
  version: regex(/^\d{1,15}-[0-9a-f]{8}$/, '1767261600000-9f86d081'),
});

const clientFor = (baseUrl: string) => createContractClient(systemSalesforceContract, { baseUrl, logger, retry: false, validateResponses: true });

describe('consumer: the typed client expects system-salesforce to', () => {
  beforeAll(() => rmSync(pactFilePath(CONSUMER, PROVIDER), { force: true }));

  it('find a customer by golden key', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    pact
      .given('customer CK-PACT-1 exists')
      .uponReceiving('a lookup of customer CK-PACT-1 by golden key')
      .withRequest({ method: 'GET', path: '/v1/customers/by-key/CK-PACT-1' })
      .willRespondWith({ status: 200, headers: { 'content-type': regex(/application\/json.*/, 'application/json') }, body: customer('CK-PACT-1', 'Pact') });
    const found = await pact.executeTest((server) => clientFor(server.url).getCustomerByKey({ params: { customerKey: 'CK-PACT-1' } }));
    expect(found?.customerKey).toBe('CK-PACT-1');
  });

  it('create a customer by golden key when it does not exist yet', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    const body = { firstName: 'Ada', lastName: 'Created', email: 'ada@example.org', externalIds: { coreBanking: 'CB-PACT-2' } };
    pact
      .given('no customer CK-PACT-2 exists')
      .uponReceiving('an upsert of customer CK-PACT-2 by golden key')
      .withRequest({ method: 'PUT', path: '/v1/customers/by-key/CK-PACT-2', headers: { 'content-type': regex(/application\/json.*/, 'application/json') }, body })
      .willRespondWith({
        status: 201,
        body: { id: regex(/^003[A-Za-z0-9]{15}$/, '0035g0000000002AAA'), created: true, customer: customer('CK-PACT-2', 'Created') },
      });
    const result = await pact.executeTest((server) => clientFor(server.url).$response.upsertCustomerByKey({ params: { customerKey: 'CK-PACT-2' }, body }));
    expect(result?.status).toBe(201);
  });

  it('update a customer by id when If-Match carries its current version', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    const body = { email: 'ada.current@example.org' };
    pact
      .given('customer CK-PACT-5 exists')
      .uponReceiving('an update of customer CK-PACT-5 by id with its current version in If-Match')
      .withRequest({
        method: 'PUT',
        path: fromProviderState('/v1/customers/${id}', '/v1/customers/0035g0000000005AAA'),
        headers: { ...JSON_TYPE, 'if-match': fromProviderState('"${version}"', '"1767261600000-9f86d081"') },
        body,
      })
      .willRespondWith({ status: 200, headers: JSON_TYPE, body: { id: like('0035g0000000005AAA'), created: false, customer: customer('CK-PACT-5', 'Pact') } });
    const result = await pact.executeTest((server) =>
      clientFor(server.url).updateCustomer({ params: { id: '0035g0000000005AAA' }, headers: { 'if-match': '"1767261600000-9f86d081"' }, body }),
    );
    expect(result?.created).toBe(false);
  });

  it('refuse an update by id with a stale If-Match with 412 problem+json', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    pact
      .given('customer CK-PACT-6 exists')
      .uponReceiving('an update of customer CK-PACT-6 by id with a version it has moved on from')
      .withRequest({
        method: 'PUT',
        path: fromProviderState('/v1/customers/${id}', '/v1/customers/0035g0000000006AAA'),
        headers: { ...JSON_TYPE, 'if-match': `"${STALE_VERSION}"` },
        body: { email: 'ada.stale@example.org' },
      })
      .willRespondWith({
        status: 412,
        headers: { 'content-type': regex(/application\/problem\+json.*/, 'application/problem+json') },
        body: { type: 'urn:strata:problem:precondition-failed', status: 412, title: like('The resource has changed') },
      });
    await pact.executeTest(async (server) => {
      const update = clientFor(server.url).updateCustomer({ params: { id: '0035g0000000006AAA' }, headers: { 'if-match': `"${STALE_VERSION}"` }, body: { email: 'ada.stale@example.org' } });
      await expect(update).rejects.toMatchObject({ upstreamStatus: 412 });
    });
  });

  it('answer 404 problem+json for an unknown golden key', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    pact
      .given('no customer CK-PACT-404 exists')
      .uponReceiving('a lookup of an unknown golden key')
      .withRequest({ method: 'GET', path: '/v1/customers/by-key/CK-PACT-404' })
      .willRespondWith({
        status: 404,
        headers: { 'content-type': regex(/application\/problem\+json.*/, 'application/problem+json') },
        body: { type: 'urn:strata:problem:not-found', status: 404, title: like('Not found') },
      });
    await pact.executeTest(async (server) => {
      await expect(clientFor(server.url).getCustomerByKey({ params: { customerKey: 'CK-PACT-404' } })).rejects.toMatchObject({ upstreamStatus: 404 });
    });
  });
});
