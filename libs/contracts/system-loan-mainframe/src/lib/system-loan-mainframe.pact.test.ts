/**
 * Consumer contract for the loan mainframe System API, written as its consumers call it:
 * through the typed contract client. Writes pacts/contract-client-system-loan-mainframe.json,
 * which `system-loan-mainframe:pact-verify` checks against the real API over the emulator.
 */
import { rmSync } from 'node:fs';
import { createLogger } from '@strata/logging';
import { createContractClient } from '@strata/http-client';
import { definePactConsumer, MatchersV3, pactFilePath } from '@strata/testing';
import { systemLoanMainframeContract } from './system-loan-mainframe.contract';

const { like, regex, integer, boolean } = MatchersV3;
const CONSUMER = 'contract-client';
const PROVIDER = 'system-loan-mainframe';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LOAN_EXISTS = 'loan LN-77000001 of customer CK-770001 exists';
const JSON_TYPE = { 'content-type': regex(/application\/json.*/, 'application/json') };
const logger = createLogger({ service: 'pact-consumer', silent: true });

jest.setTimeout(30_000);

const borrower = {
  id: 'LN-77000001',
  customerKey: 'CK-770001',
  firstName: like('Ada'),
  lastName: like('Pact'),
  birthDate: regex(/^\d{4}-\d\d-\d\d$/, '1980-01-02'),
  email: like('ada@example.org'),
  phone: null,
  address: { street: null, city: null, state: null, postalCode: null, country: null },
  status: 'active',
  updatedAt: regex(ISO, '2026-01-01T10:00:00.000Z'),
  loan: { outstandingBalance: like(1234.5), interestRatePercent: like(4.5) },
};

const request = (status: string) => ({
  requestId: regex(UUID, '3f1c2a9e-5b7d-4c1e-9a2b-1d2e3f4a5b6c'),
  status,
  loanAccount: null,
  customerKey: 'CK-770001',
  requestFile: regex(/^LNREQ\.\d{6}\.req$/, 'LNREQ.000001.req'),
  submittedAt: regex(ISO, '2026-01-01T10:00:00.000Z'),
});

const clientFor = (baseUrl: string) => createContractClient(systemLoanMainframeContract, { baseUrl, logger, retry: false, validateResponses: true });

describe('consumer: the typed client expects system-loan-mainframe to', () => {
  beforeAll(() => rmSync(pactFilePath(CONSUMER, PROVIDER), { force: true }));

  it('read a borrower by loan account', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    pact.given(LOAN_EXISTS).uponReceiving('a lookup of loan LN-77000001').withRequest({ method: 'GET', path: '/v1/customers/LN-77000001' }).willRespondWith({ status: 200, headers: JSON_TYPE, body: borrower });
    const found = await pact.executeTest((server) => clientFor(server.url).getCustomer({ params: { id: 'LN-77000001' } }));
    expect(found?.customerKey).toBe('CK-770001');
  });

  it('read a borrower by golden key', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    pact.given(LOAN_EXISTS).uponReceiving('a lookup of customer CK-770001 by golden key').withRequest({ method: 'GET', path: '/v1/customers/by-key/CK-770001' }).willRespondWith({ status: 200, headers: JSON_TYPE, body: borrower });
    const found = await pact.executeTest((server) => clientFor(server.url).getCustomerByKey({ params: { customerKey: 'CK-770001' } }));
    expect(found?.id).toBe('LN-77000001');
  });

  it('apply an update by golden key and answer with the acknowledgement when asked to wait', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    const body = { phone: '+15555550100' };
    pact
      .given(LOAN_EXISTS)
      .uponReceiving('an update of customer CK-770001 that waits for the acknowledgement')
      .withRequest({ method: 'PUT', path: '/v1/customers/by-key/CK-770001', headers: { prefer: 'wait=5', ...JSON_TYPE }, body })
      .willRespondWith({
        status: 200,
        headers: { location: regex(/^\/v1\/requests\/[0-9a-f-]{36}$/, '/v1/requests/3f1c2a9e-5b7d-4c1e-9a2b-1d2e3f4a5b6c') },
        body: { ...request('applied'), returnCode: regex(/^0[04]$/, '00'), returnMeaning: like('applied'), message: like('UPDATED'), completedAt: regex(ISO, '2026-01-01T10:00:01.000Z') },
      });
    const result = await pact.executeTest((server) => clientFor(server.url).$response.upsertCustomerByKey({ params: { customerKey: 'CK-770001' }, headers: { prefer: 'wait=5' }, body }));
    expect(result?.status).toBe(200);
  });

  it('accept an update at once with 202 and a status URL', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    const body = { email: 'ada.pact@example.org' };
    pact
      .given(LOAN_EXISTS)
      .uponReceiving('an update of customer CK-770001 without waiting')
      .withRequest({ method: 'PUT', path: '/v1/customers/by-key/CK-770001', headers: JSON_TYPE, body })
      .willRespondWith({
        status: 202,
        headers: { location: regex(/^\/v1\/requests\/[0-9a-f-]{36}$/, '/v1/requests/3f1c2a9e-5b7d-4c1e-9a2b-1d2e3f4a5b6c') },
        body: { ...request('pending'), returnCode: null, returnMeaning: null, message: null, completedAt: null },
      });
    const result = await pact.executeTest((server) => clientFor(server.url).$response.upsertCustomerByKey({ params: { customerKey: 'CK-770001' }, body }));
    expect(result?.status).toBe(202);
  });

  it('answer 404 problem+json for a golden key with no loan', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    pact
      .given('no loan for customer CK-770404')
      .uponReceiving('a lookup of a golden key with no loan')
      .withRequest({ method: 'GET', path: '/v1/customers/by-key/CK-770404' })
      .willRespondWith({
        status: 404,
        headers: { 'content-type': regex(/application\/problem\+json.*/, 'application/problem+json') },
        body: { type: 'urn:strata:problem:not-found', status: 404, title: like('Not found') },
      });
    await pact.executeTest(async (server) => {
      await expect(clientFor(server.url).getCustomerByKey({ params: { customerKey: 'CK-770404' } })).rejects.toMatchObject({ upstreamStatus: 404 });
    });
  });

  it('serve the change feed with the standard envelope', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    pact
      .given(LOAN_EXISTS)
      .uponReceiving('a read of the first change')
      .withRequest({ method: 'GET', path: '/v1/changes', query: { limit: '1' } })
      .willRespondWith({
        status: 200,
        headers: JSON_TYPE,
        body: {
          changes: [
            { cursor: like('c1'), changeType: 'created', entityType: 'customer', entityId: 'LN-77000001', occurredAt: regex(ISO, '2026-01-01T10:00:00.000Z'), origin: { self: boolean(false), client: null }, changedFields: [], data: borrower },
          ],
          nextCursor: like('c1'),
          resynced: false,
        },
      });
    const page = await pact.executeTest((server) => clientFor(server.url).listChanges({ query: { limit: 1 } }));
    expect(page?.changes[0]?.entityId).toBe('LN-77000001');
  });

  it('report where file processing stands', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    pact
      .given(LOAN_EXISTS)
      .uponReceiving('a read of the change feed status')
      .withRequest({ method: 'GET', path: '/v1/changes/status' })
      .willRespondWith({
        status: 200,
        headers: JSON_TYPE,
        body: {
          source: 'loan-mainframe-files',
          polling: boolean(true),
          position: like({ file: 'LNCHG.000002.dat', offset: 1, complete: true }),
          lastSuccessAt: regex(ISO, '2026-01-01T10:00:00.000Z'),
          lastError: null,
          lastErrorAt: null,
          quarantine: { total: integer(0), recent: [] } },
      });
    const status = await pact.executeTest((server) => clientFor(server.url).getChangesStatus());
    expect(status?.source).toBe('loan-mainframe-files');
  });
});
