/**
 * Consumer contract for the customer-sync Process API, written as its consumers (the
 * experience APIs to come) will call it: through the typed contract client. Writes
 * pacts/contract-client-process-customer-sync.json, which `process-customer-sync:pact-verify`
 * checks against the real app, its golden records seeded through its own intake.
 */
import { rmSync } from 'node:fs';
import { createContractClient } from '@strata/http-client';
import { createLogger } from '@strata/logging';
import { definePactConsumer, MatchersV3, pactFilePath } from '@strata/testing';
import { processCustomerSyncContract } from './process-customer-sync.contract';
import {
  fieldSourceMatcher,
  GOLDEN_RECORD_STATE as RECORD,
  goldenRecordMatcher,
  ISO_DATETIME as ISO,
  JSON_CONTENT as JSON_TYPE,
  preconditionFailedMatcher,
  PROBLEM_CONTENT as PROBLEM_TYPE,
  syncStatusMatcher,
  VALUE_SOURCE as SYSTEM,
} from '../testing/pact-matchers';

const { like, regex, eachLike, integer, decimal, boolean, fromProviderState } = MatchersV3;
const CONSUMER = 'contract-client';
const PROVIDER = 'process-customer-sync';
const logger = createLogger({ service: 'pact-consumer', silent: true });

jest.setTimeout(30_000);

const source = fieldSourceMatcher();

/** A golden record as the provider state leaves it: every field known, linked to core banking only. */
const golden = goldenRecordMatcher();

const clientFor = (baseUrl: string) => createContractClient(processCustomerSyncContract, { baseUrl, logger, retry: false, validateResponses: true });
const consumer = () => definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });

describe('consumer: the typed client expects process-customer-sync to', () => {
  beforeAll(() => rmSync(pactFilePath(CONSUMER, PROVIDER), { force: true }));

  it('serve a golden record with its version as ETag', async () => {
    const pact = consumer();
    pact
      .given(RECORD)
      .uponReceiving('a read of golden record CK-900001')
      .withRequest({ method: 'GET', path: '/v1/customers/CK-900001' })
      .willRespondWith({ status: 200, headers: { ...JSON_TYPE, etag: regex(/^"\d+"$/, '"2"') }, body: { ...golden, customerKey: 'CK-900001' } });
    const res = await pact.executeTest((server) => clientFor(server.url).$response.getCustomer({ params: { customerKey: 'CK-900001' } }));
    expect(res?.headers['etag']).toBe(`"${res?.body.version}"`);
  });

  it('page through golden records with a cursor', async () => {
    const pact = consumer();
    pact
      .given('golden records CK-900001 and CK-900002 exist')
      .uponReceiving('the last page of golden records, after a cursor')
      .withRequest({ method: 'GET', path: '/v1/customers', query: { limit: '1', after: fromProviderState('${after}', 'eyJrZXkiOiJDSy05MDAwMDEifQ') } })
      .willRespondWith({ status: 200, headers: JSON_TYPE, body: { items: eachLike(golden), nextCursor: null } });
    const page = await pact.executeTest((server) => clientFor(server.url).searchCustomers({ query: { limit: 1, after: 'eyJrZXkiOiJDSy05MDAwMDEifQ' } }));
    expect(page?.items).toHaveLength(1);
  });

  it('keep the history of a golden record, newest version first', async () => {
    const pact = consumer();
    pact
      .given(RECORD)
      .uponReceiving('a read of the newest history entry of CK-900001, its phone set through the API')
      .withRequest({ method: 'GET', path: '/v1/customers/CK-900001/history', query: { limit: '1' } })
      .willRespondWith({
        status: 200,
        headers: JSON_TYPE,
        body: {
          items: [{ version: integer(2), at: regex(ISO, '2026-03-01T10:00:00.000Z'), cause: 'api', changes: [{ field: 'phone', from: null, to: like('+15555550123'), source: { ...source, system: 'api' } }], rejected: [] }],
          nextCursor: like('eyJ2ZXJzaW9uIjoyfQ'),
        },
      });
    const page = await pact.executeTest((server) => clientFor(server.url).getCustomerHistory({ params: { customerKey: 'CK-900001' }, query: { limit: 1 } }));
    expect(page?.items[0]?.cause).toBe('api');
  });

  it("report where the record's latest version stands in each system", async () => {
    const pact = consumer();
    pact
      .given(RECORD)
      .uponReceiving('a read of the sync status of CK-900001')
      .withRequest({ method: 'GET', path: '/v1/customers/CK-900001/sync-status' })
      .willRespondWith({ status: 200, headers: JSON_TYPE, body: syncStatusMatcher(2) });
    const status = await pact.executeTest((server) => clientFor(server.url).getCustomerSyncStatus({ params: { customerKey: 'CK-900001' } }));
    expect(status?.systems.find((s) => s.system === 'core-banking')?.state).toBe('in-sync');
  });

  it('report the health of feeds and outboxes', async () => {
    const pact = consumer();
    const read = (system: string) => ({ system, lagSeconds: like(0), consuming: boolean(false), lastReadAt: regex(ISO, '2026-03-01T10:00:00.000Z'), lastError: null });
    const unread = (system: string) => ({ system, lagSeconds: null, consuming: boolean(false), lastReadAt: null, lastError: null });
    const target = { system: regex(SYSTEM, 'core-banking'), outboxDepth: integer(0), delivered: integer(1), oldestPendingSeconds: null, deadLetters: integer(0), breaker: regex(/^(closed|open|half-open)$/, 'closed'), lastError: null };
    pact
      .given(RECORD)
      // The state's app consumes Salesforce and core banking only: the other two feeds were never read.
      .uponReceiving('a read of the sync health')
      .withRequest({ method: 'GET', path: '/v1/status' })
      .willRespondWith({ status: 200, headers: JSON_TYPE, body: { sources: [read('salesforce'), read('core-banking'), unread('card-platform'), unread('loan-mainframe')], targets: eachLike(target), openReviews: integer(0) } });
    const health = await pact.executeTest((server) => clientFor(server.url).getSyncHealth());
    expect(health?.targets[0]?.breaker).toBe('closed');
  });

  it('accept a contact change with the current version as If-Match (202)', async () => {
    const pact = consumer();
    const body = { phone: '+15555550177' };
    pact
      .given(RECORD)
      .uponReceiving('a contact change of CK-900001 at its current version')
      .withRequest({ method: 'PATCH', path: '/v1/customers/CK-900001', headers: { ...JSON_TYPE, 'if-match': fromProviderState('"${version}"', '"2"') }, body })
      .willRespondWith({
        status: 202,
        headers: JSON_TYPE,
        body: { customerKey: 'CK-900001', version: integer(3), customer: { ...golden, phone: '+15555550177', version: integer(3) }, statusUrl: '/v1/customers/CK-900001/sync-status' },
      });
    const accepted = await pact.executeTest((server) => clientFor(server.url).changeContactDetails({ params: { customerKey: 'CK-900001' }, headers: { 'if-match': '"2"' }, body }));
    expect(accepted?.customer.phone).toBe('+15555550177');
  });

  it('refuse a contact change at a stale version with 412 problem+json', async () => {
    const pact = consumer();
    pact
      .given(RECORD)
      .uponReceiving('a contact change of CK-900001 at a stale version')
      .withRequest({ method: 'PATCH', path: '/v1/customers/CK-900001', headers: { ...JSON_TYPE, 'if-match': '"1"' }, body: { phone: '+15555550188' } })
      .willRespondWith({ status: 412, headers: PROBLEM_TYPE, body: preconditionFailedMatcher() });
    await pact.executeTest(async (server) => {
      const change = clientFor(server.url).changeContactDetails({ params: { customerKey: 'CK-900001' }, headers: { 'if-match': '"1"' }, body: { phone: '+15555550188' } });
      await expect(change).rejects.toMatchObject({ upstreamStatus: 412 });
    });
  });

  it('refuse a bad body with 400 problem+json naming the field', async () => {
    const pact = consumer();
    pact
      .given(RECORD)
      .uponReceiving('a contact change of CK-900001 with an invalid email')
      .withRequest({ method: 'PATCH', path: '/v1/customers/CK-900001', headers: { ...JSON_TYPE, 'if-match': '"2"' }, body: { email: 'not-an-email' } })
      .willRespondWith({ status: 400, headers: PROBLEM_TYPE, body: { type: 'urn:strata:problem:validation-error', status: 400, title: like('Invalid request'), errors: eachLike({ path: 'body.email', message: like('Invalid email address') }) } });
    await pact.executeTest(async (server) => {
      // The typed client refuses to send this at all; a client built from an older contract might.
      const raw = clientFor(server.url).$client.request({ method: 'patch', path: '/v1/customers/CK-900001', headers: { 'if-match': '"2"' }, body: { email: 'not-an-email' } });
      await expect(raw).rejects.toMatchObject({ upstreamStatus: 400, upstreamBody: { errors: [{ path: 'body.email' }] } });
    });
  });

  it('accept a decision on an open match review', async () => {
    const pact = consumer();
    pact
      .given('an open match review for CK-900002')
      .uponReceiving('an accept decision on the open review')
      .withRequest({ method: 'POST', path: fromProviderState('/v1/reviews/${reviewId}/decision', '/v1/reviews/1/decision'), headers: JSON_TYPE, body: { decision: 'accept' } })
      .willRespondWith({
        status: 200,
        headers: JSON_TYPE,
        body: {
          id: like('1'),
          status: 'accepted',
          candidate: { system: regex(SYSTEM, 'salesforce'), id: like('003B'), data: like({}) },
          customerKey: 'CK-900002',
          rule: like('name-birthdate-postcode'),
          score: decimal(0.8),
          createdAt: regex(ISO, '2026-03-01T10:00:00.000Z'),
          decidedAt: regex(ISO, '2026-03-01T10:00:01.000Z'),
          decidedBy: null,
        },
      });
    const review = await pact.executeTest((server) => clientFor(server.url).decideReview({ params: { id: '1' }, body: { decision: 'accept' } }));
    expect(review?.status).toBe('accepted');
  });

  it('start a reconciliation (202) and answer with its report', async () => {
    const pact = consumer();
    pact
      .given(RECORD)
      .uponReceiving('a start of a reconciliation without repair')
      .withRequest({ method: 'POST', path: '/v1/reconciliations', headers: JSON_TYPE, body: { repair: false } })
      .willRespondWith({
        status: 202,
        headers: JSON_TYPE,
        body: {
          id: like('1'),
          status: regex(/^(running|completed|failed)$/, 'running'),
          trigger: 'manual',
          repair: false,
          startedAt: regex(ISO, '2026-03-01T10:00:00.000Z'),
          finishedAt: null,
          goldenRecords: integer(1),
          systems: [],
          mismatches: [],
          error: null,
        },
      });
    const report = await pact.executeTest((server) => clientFor(server.url).startReconciliation({ body: { repair: false } }));
    expect(report?.trigger).toBe('manual');
  });
});
