/**
 * Consumer contract for the core-banking System API, written as its consumers call it:
 * through the typed contract client. Writes pacts/contract-client-system-core-banking.json,
 * which `system-core-banking:pact-verify` checks against the real provider over the
 * real bank emulator.
 */
import { rmSync } from 'node:fs';
import { createContractClient } from '@strata/http-client';
import { createLogger } from '@strata/logging';
import { definePactConsumer, MatchersV3, pactFilePath } from '@strata/testing';
import { systemCoreBankingContract } from './system-core-banking.contract';

const { like, regex, eachLike, integer, boolean } = MatchersV3;
const CONSUMER = 'contract-client';
const PROVIDER = 'system-core-banking';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const JSON_TYPE = { 'content-type': regex(/application\/json.*/, 'application/json') };
const logger = createLogger({ service: 'pact-consumer', silent: true });

jest.setTimeout(30_000);

const address = (street: string | null) => ({ street: street === null ? null : like(street), city: null, state: null, postalCode: null, country: null });
const customer = (customerKey: string, lastName: string, overrides: Record<string, unknown> = {}) => ({
  id: regex(/^P\d{9}$/, 'P500000001'),
  customerKey,
  firstName: like('Ada'),
  lastName,
  birthDate: null,
  email: like('ada@example.org'),
  phone: null,
  address: address(null),
  status: 'active',
  taxIdHash: null,
  version: integer(1),
  updatedAt: regex(ISO, '2026-03-01T10:00:00Z'),
  ...overrides,
});

/** A seeded party: every field filled, values matched by type only. */
const seededCustomer = {
  id: regex(/^P\d{9}$/, 'P000682275'),
  customerKey: like('CK-000001'),
  firstName: like('Ada'),
  lastName: like('Lovelace'),
  birthDate: regex(/^\d{4}-\d\d-\d\d$/, '1980-02-14'),
  email: like('ada.lovelace@example.com'),
  phone: like('+15555550123'),
  address: { street: like('12 Elm St'), city: like('Springfield'), state: like('IL'), postalCode: like('62701'), country: like('US') },
  status: regex(/^(active|inactive|deceased)$/, 'active'),
  taxIdHash: regex(/^[0-9a-f]{64}$/, 'a'.repeat(64)),
  version: integer(1),
  updatedAt: regex(ISO, '2025-01-01T00:00:00Z'),
};

const clientFor = (baseUrl: string) => createContractClient(systemCoreBankingContract, { baseUrl, logger, retry: false, validateResponses: true });

describe('consumer: the typed client expects system-core-banking to', () => {
  beforeAll(() => rmSync(pactFilePath(CONSUMER, PROVIDER), { force: true }));

  it('find a customer by golden key', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    pact
      .given('customer CK-PACT-1 exists')
      .uponReceiving('a lookup of customer CK-PACT-1 by golden key')
      .withRequest({ method: 'GET', path: '/v1/customers/by-key/CK-PACT-1' })
      .willRespondWith({ status: 200, headers: JSON_TYPE, body: customer('CK-PACT-1', 'Pact', { birthDate: '1980-02-14' }) });
    const found = await pact.executeTest((server) => clientFor(server.url).getCustomerByKey({ params: { customerKey: 'CK-PACT-1' } }));
    expect(found?.customerKey).toBe('CK-PACT-1');
  });

  it('create a customer by golden key when none exists (201)', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    const body = { firstName: 'Ada', lastName: 'Created', email: 'ada@example.org' };
    pact
      .given('no customer CK-PACT-2 exists')
      .uponReceiving('an upsert creating customer CK-PACT-2')
      .withRequest({ method: 'PUT', path: '/v1/customers/by-key/CK-PACT-2', headers: JSON_TYPE, body })
      .willRespondWith({ status: 201, headers: JSON_TYPE, body: { id: regex(/^P\d{9}$/, 'P500000002'), created: true, customer: customer('CK-PACT-2', 'Created') } });
    const result = await pact.executeTest((server) => clientFor(server.url).$response.upsertCustomerByKey({ params: { customerKey: 'CK-PACT-2' }, body }));
    expect(result?.status).toBe(201);
  });

  it('update an existing customer by golden key (200)', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    const body = { phone: '+15555550100' };
    pact
      .given('customer CK-PACT-1 exists')
      .uponReceiving('an upsert updating customer CK-PACT-1')
      .withRequest({ method: 'PUT', path: '/v1/customers/by-key/CK-PACT-1', headers: JSON_TYPE, body })
      .willRespondWith({
        status: 200,
        headers: JSON_TYPE,
        body: { id: regex(/^P\d{9}$/, 'P500000001'), created: false, customer: customer('CK-PACT-1', 'Pact', { birthDate: '1980-02-14', phone: '+15555550100' }) },
      });
    const result = await pact.executeTest((server) => clientFor(server.url).$response.upsertCustomerByKey({ params: { customerKey: 'CK-PACT-1' }, body }));
    expect(result?.status).toBe(200);
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

  it('list customers with a cursor page', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    pact
      .given('the bank holds seeded people')
      .uponReceiving('a first page of customers')
      .withRequest({ method: 'GET', path: '/v1/customers', query: { limit: '1' } })
      .willRespondWith({ status: 200, headers: JSON_TYPE, body: { items: eachLike(seededCustomer), nextCursor: like('eyJ0IjoiMjAyNTAxMDEwMDAwMDAifQ') } });
    const page = await pact.executeTest((server) => clientFor(server.url).listCustomers({ query: { limit: 1 } }));
    expect(page?.items).toHaveLength(1);
  });

  it('serve the change feed and its status', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    const change = {
      cursor: like('1'),
      changeType: regex(/^(created|updated|deleted|undeleted|resync)$/, 'created'),
      entityType: 'customer',
      entityId: regex(/^P\d{9}$/, 'P000682275'),
      occurredAt: regex(ISO, '2026-03-01T10:00:00Z'),
      origin: { self: boolean(false), client: null },
      changedFields: [],
      data: seededCustomer,
    };
    pact
      .given('the bank holds seeded people')
      .uponReceiving('a read of the change feed from the start')
      .withRequest({ method: 'GET', path: '/v1/changes', query: { limit: '1' } })
      .willRespondWith({ status: 200, headers: JSON_TYPE, body: { changes: eachLike(change), nextCursor: like('1'), resynced: false } });
    pact
      .given('the bank holds seeded people')
      .uponReceiving('a read of the change feed status')
      .withRequest({ method: 'GET', path: '/v1/changes/status' })
      .willRespondWith({
        status: 200,
        headers: JSON_TYPE,
        body: {
          source: 'core-banking-parties',
          polling: boolean(true),
          position: { watermark: regex(/^\d{14}$/, '20260301100000') },
          lastSuccessAt: regex(ISO, '2026-03-01T10:00:01.000Z'),
          lastError: null,
          lastErrorAt: null,
          quarantine: { total: integer(0), recent: [] },
        },
      });
    await pact.executeTest(async (server) => {
      const client = clientFor(server.url);
      expect((await client.listChanges({ query: { limit: 1 } })).changes).toHaveLength(1);
      expect((await client.getChangesStatus()).source).toBe('core-banking-parties');
    });
  });
});
