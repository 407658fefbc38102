/**
 * Consumer contract of experience-mobile with customer-sync: the three calls the mobile
 * routes make, driven through the app's own MeService and typed client against a Pact
 * mock. Writes pacts/experience-mobile-process-customer-sync.json, which
 * `process-customer-sync:pact-verify` checks against the real app.
 */
import { rmSync } from 'node:fs';
import { PreconditionFailedError } from '@strata/errors';
import { createLogger } from '@strata/logging';
import { definePactConsumer, MatchersV3, pactFilePath } from '@strata/testing';
import { MeService } from '../features/me/me.service';
import { createCustomerSyncClient } from './customer-sync.client';

const { like, regex, integer, fromProviderState } = MatchersV3;
const CONSUMER = 'experience-mobile';
const PROVIDER = 'process-customer-sync';
const RECORD = 'golden record CK-900001 exists, linked to core banking';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const SYSTEM = /^(salesforce|core-banking|card-platform|loan-mainframe|api)$/;
const JSON_TYPE = { 'content-type': regex(/application\/json.*/, 'application/json') };
const PROBLEM_TYPE = { 'content-type': regex(/application\/problem\+json.*/, 'application/problem+json') };
const logger = createLogger({ service: 'pact-consumer', silent: true });

jest.setTimeout(30_000);

/** The golden record as the provider state leaves it; the app reads every field but sources and identifiers. */
const golden = {
  customerKey: 'CK-900001',
  firstName: like('Ada'),
  lastName: like('Lovelace'),
  birthDate: regex(/^\d{4}-\d\d-\d\d$/, '1980-02-14'),
  email: like('ada.lovelace@example.org'),
  phone: like('+15555550123'),
  address: { street: like('12 Elm St'), city: like('Springfield'), state: like('IL'), postalCode: like('62701'), country: like('US') },
  status: regex(/^(active|inactive|deceased)$/, 'active'),
  identifiers: { salesforce: null, 'core-banking': like('P9001'), 'card-platform': null, 'loan-mainframe': null },
  version: integer(3),
  createdAt: regex(ISO, '2026-03-01T10:00:00.000Z'),
  updatedAt: regex(ISO, '2026-03-01T10:00:00.000Z'),
  sources: like({ lastName: { system: regex(SYSTEM, 'core-banking'), at: regex(ISO, '2026-03-01T10:00:00.000Z'), rule: like('only-source') } }),
};

const serviceFor = (baseUrl: string) => new MeService(createCustomerSyncClient({ baseUrl, logger, retry: false, validateResponses: true }));
const consumer = () => definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });

describe('consumer: experience-mobile expects process-customer-sync to', () => {
  beforeAll(() => rmSync(pactFilePath(CONSUMER, PROVIDER), { force: true }));

  it("serve the signed-in customer's golden record", async () => {
    const pact = consumer();
    pact
      .given(RECORD)
      .uponReceiving('a mobile read of golden record CK-900001')
      .withRequest({ method: 'GET', path: '/v1/customers/CK-900001' })
      .willRespondWith({ status: 200, headers: JSON_TYPE, body: golden });
    const profile = await pact.executeTest((server) => serviceFor(server.url).profile('CK-900001'));
    expect(profile).toMatchObject({ customerKey: 'CK-900001', lastName: 'Lovelace', version: 3 });
    expect(profile).not.toHaveProperty('identifiers');
  });

  it('accept a contact change at the version the customer read (202)', async () => {
    const pact = consumer();
    const body = { email: 'ada@new.example.org' };
    pact
      .given(RECORD)
      .uponReceiving('a mobile contact change of CK-900001 at its current version')
      .withRequest({ method: 'PATCH', path: '/v1/customers/CK-900001', headers: { ...JSON_TYPE, 'if-match': fromProviderState('"${version}"', '"3"') }, body })
      .willRespondWith({
        status: 202,
        headers: JSON_TYPE,
        body: { customerKey: 'CK-900001', version: integer(4), customer: { ...golden, email: 'ada@new.example.org', version: integer(4) }, statusUrl: '/v1/customers/CK-900001/sync-status' },
      });
    const profile = await pact.executeTest((server) => serviceFor(server.url).changeContact('CK-900001', '"3"', body));
    expect(profile).toMatchObject({ email: 'ada@new.example.org', version: 4 });
  });

  it('refuse a contact change at a stale version with 412, which the app passes on as its own', async () => {
    const pact = consumer();
    pact
      .given(RECORD)
      .uponReceiving('a mobile contact change of CK-900001 at a stale version')
      .withRequest({ method: 'PATCH', path: '/v1/customers/CK-900001', headers: { ...JSON_TYPE, 'if-match': '"1"' }, body: { email: 'ada@stale.example.org' } })
      .willRespondWith({ status: 412, headers: PROBLEM_TYPE, body: { type: 'urn:strata:problem:precondition-failed', status: 412, title: like('The resource has changed') } });
    await pact.executeTest(async (server) => {
      await expect(serviceFor(server.url).changeContact('CK-900001', '"1"', { email: 'ada@stale.example.org' })).rejects.toBeInstanceOf(PreconditionFailedError);
    });
  });

  it("report where the customer's latest change stands in each system", async () => {
    const pact = consumer();
    const notLinked = (system: string) => ({ system, state: 'not-linked', deliveredVersion: null, attempts: integer(0), lastError: null, updatedAt: null });
    pact
      .given(RECORD)
      .uponReceiving('a mobile read of the sync status of CK-900001')
      .withRequest({ method: 'GET', path: '/v1/customers/CK-900001/sync-status' })
      .willRespondWith({
        status: 200,
        headers: JSON_TYPE,
        body: {
          customerKey: 'CK-900001',
          version: integer(3),
          systems: [
            notLinked('salesforce'),
            { system: 'core-banking', state: 'in-sync', deliveredVersion: integer(3), attempts: integer(1), lastError: null, updatedAt: regex(ISO, '2026-03-01T10:00:00.000Z') },
            notLinked('card-platform'),
            notLinked('loan-mainframe'),
          ],
        },
      });
    const status = await pact.executeTest((server) => serviceFor(server.url).syncStatus('CK-900001'));
    expect(status).toEqual({ version: 3, complete: true, accounts: [{ account: 'bank-account', state: 'updated', message: 'Your bank account has the change' }] });
  });
});
