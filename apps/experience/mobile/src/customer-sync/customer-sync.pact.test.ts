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
import {
  GOLDEN_RECORD_STATE as RECORD,
  goldenRecordMatcher,
  JSON_CONTENT as JSON_TYPE,
  preconditionFailedMatcher,
  PROBLEM_CONTENT as PROBLEM_TYPE,
  syncStatusMatcher,
} from '@strata/contracts-process-customer-sync/testing';
import { MeService } from '../features/me/me.service';
import { createCustomerSyncClient } from './customer-sync.client';

const { integer, fromProviderState } = MatchersV3;
const CONSUMER = 'experience-mobile';
const PROVIDER = 'process-customer-sync';
const logger = createLogger({ service: 'pact-consumer', silent: true });

jest.setTimeout(30_000);

/** The golden record as the provider state leaves it (after its third version); the app reads every field but sources and identifiers. */
const golden = goldenRecordMatcher({ customerKey: 'CK-900001', version: integer(3) });

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
      .willRespondWith({ status: 412, headers: PROBLEM_TYPE, body: preconditionFailedMatcher() });
    await pact.executeTest(async (server) => {
      await expect(serviceFor(server.url).changeContact('CK-900001', '"1"', { email: 'ada@stale.example.org' })).rejects.toBeInstanceOf(PreconditionFailedError);
    });
  });

  it("report where the customer's latest change stands in each system", async () => {
    const pact = consumer();
    pact
      .given(RECORD)
      .uponReceiving('a mobile read of the sync status of CK-900001')
      .withRequest({ method: 'GET', path: '/v1/customers/CK-900001/sync-status' })
      .willRespondWith({ status: 200, headers: JSON_TYPE, body: syncStatusMatcher(3) });
    const status = await pact.executeTest((server) => serviceFor(server.url).syncStatus('CK-900001'));
    expect(status).toEqual({ version: 3, complete: true, accounts: [{ account: 'bank-account', state: 'updated', message: 'Your bank account has the change' }] });
  });
});
