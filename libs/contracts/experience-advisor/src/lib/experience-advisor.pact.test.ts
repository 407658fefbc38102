/**
 * Consumer contract of the staff web app with the advisor Experience API, written as the
 * web app calls it: plain fetch with its client id and secret and the staff member's
 * bearer token, each answer read through this contract's schemas. Writes
 * pacts/advisor-web-experience-advisor.json, which `experience-advisor:pact-verify`
 * checks against the real app.
 */
import { rmSync } from 'node:fs';
import type { z } from 'zod';
import { cursorPageSchema } from '@strata/contract-kit';
import { definePactConsumer, MatchersV3, pactFilePath } from '@strata/testing';
import { advisorCustomerSummarySchema, advisorHistoryEntrySchema, customer360Schema } from './advisor-customer.schema';
import { advisorReconciliationSchema, advisorReviewSchema, auditEventSchema, syncHealthViewSchema } from './advisor-operations.schema';

const { like, regex, eachLike, integer, boolean } = MatchersV3;
const CONSUMER = 'advisor-web';
const PROVIDER = 'experience-advisor';

/** The provider states: a signed-in staff member and what customer-sync holds for them to see. */
const ADVISOR_STATES = {
  customer: 'staff member staff-42 is signed in with every advisor scope, and customer CK-100001 exists',
  review: 'staff member staff-42 is signed in with every advisor scope, and review 7 of CK-100001 is open',
  readOnly: 'staff member staff-42 is signed in with advisor:read only',
} as const;

jest.setTimeout(30_000);

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const at = () => regex(ISO, '2026-03-01T10:00:00.000Z');
const JSON_TYPE = { 'content-type': regex(/application\/json.*/, 'application/json') };
const PROBLEM_TYPE = { 'content-type': regex(/application\/problem\+json.*/, 'application/problem+json') };
/** What the web app sends on every call; the provider's verification signs a real token for the state's staff member. */
const WEB_APP = { 'x-client-id': 'advisor-web', 'x-client-secret': 'advisor-web-secret', authorization: regex(/^Bearer [\w.-]+$/, 'Bearer eyJhbGciOiJFUzI1NiJ9.staff-42.sig') };
const SEND = { 'x-client-id': 'advisor-web', 'x-client-secret': 'advisor-web-secret', authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.staff-42.sig' };
const SYSTEM = /^(salesforce|core-banking|card-platform|loan-mainframe)$/;

const address = like({ street: '12 Elm St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' });
const identifiers = { salesforce: like('003SF'), 'core-banking': like('P9001'), 'card-platform': null, 'loan-mainframe': null };
const record = { firstName: like('Ada'), lastName: like('Lovelace'), birthDate: like('1980-02-14'), email: like('ada@example.org'), phone: like('+15555550123'), address, status: like('active') };
const historyEntry = { version: integer(3), at: at(), cause: like('api'), changes: eachLike({ field: like('phone'), from: like('+15555550100'), to: like('+15555550123'), source: { system: like('api'), at: at(), rule: like('most-recent') } }), rejected: [] };

const consumer = () => definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });

/** A GET as the web app makes it, its JSON read through `schema`. */
async function read<T extends z.ZodType>(url: string, schema: T): Promise<{ status: number; body: z.output<T> }> {
  const res = await fetch(url, { headers: SEND });
  return { status: res.status, body: schema.parse(await res.json()) };
}

describe('consumer: the staff web app expects experience-advisor to', () => {
  beforeAll(() => rmSync(pactFilePath(CONSUMER, PROVIDER), { force: true }));

  it('open the Customer 360: golden record, every system live with its differences, the latest history', async () => {
    const pact = consumer();
    pact
      .given(ADVISOR_STATES.customer)
      .uponReceiving('a Customer 360 of CK-100001')
      .withRequest({ method: 'GET', path: '/v1/customers/CK-100001', headers: WEB_APP })
      .willRespondWith({
        status: 200,
        headers: { ...JSON_TYPE, etag: regex(/^"\d+"$/, '"3"') },
        body: {
          customer: { customerKey: 'CK-100001', ...record, identifiers, version: integer(3), createdAt: at(), updatedAt: at(), sources: like({ phone: { system: 'api', at: '2026-03-01T10:00:00.000Z', rule: 'most-recent' } }) },
          inStep: boolean(false),
          systems: eachLike({ system: regex(SYSTEM, 'core-banking'), recordId: like('P9001'), status: regex(/^(in-step|differs|missing|unavailable)$/, 'differs'), record, differences: eachLike({ field: like('phone'), golden: like('+15555550123'), system: like('+15555550999') }), reason: null }),
          systemsReadAt: at(),
          history: { items: eachLike(historyEntry), nextCursor: null },
        },
      });
    const view = await pact.executeTest((server) => read(`${server.url}/v1/customers/CK-100001`, customer360Schema));
    expect(view?.body.customer.customerKey).toBe('CK-100001');
    expect(view?.body.systems[0]?.differences[0]?.field).toBe('phone');
  });

  it('search customers by name and answer summaries', async () => {
    const pact = consumer();
    pact
      .given(ADVISOR_STATES.customer)
      .uponReceiving('a search for lovelace')
      .withRequest({ method: 'GET', path: '/v1/customers', query: { q: 'lovelace' }, headers: WEB_APP })
      .willRespondWith({
        status: 200,
        headers: JSON_TYPE,
        body: { items: eachLike({ customerKey: 'CK-100001', displayName: like('Ada Lovelace'), birthDate: like('1980-02-14'), email: like('ada@example.org'), phone: like('+15555550123'), status: like('active'), identifiers }), nextCursor: null },
      });
    const page = await pact.executeTest((server) => read(`${server.url}/v1/customers?q=lovelace`, cursorPageSchema(advisorCustomerSummarySchema)));
    expect(page?.body.items[0]?.displayName).toBe('Ada Lovelace');
  });

  it('page through the full history', async () => {
    const pact = consumer();
    pact
      .given(ADVISOR_STATES.customer)
      .uponReceiving('the first history page of CK-100001')
      .withRequest({ method: 'GET', path: '/v1/customers/CK-100001/history', query: { limit: '1' }, headers: WEB_APP })
      .willRespondWith({ status: 200, headers: JSON_TYPE, body: { items: [historyEntry], nextCursor: like('1') } });
    const page = await pact.executeTest((server) => read(`${server.url}/v1/customers/CK-100001/history?limit=1`, cursorPageSchema(advisorHistoryEntrySchema)));
    expect(page?.body.nextCursor).toEqual(expect.any(String));
  });

  it('show the sync health per system', async () => {
    const pact = consumer();
    const system = { system: regex(SYSTEM, 'salesforce'), feedLagSeconds: like(0), feedConsuming: boolean(true), lastReadAt: at(), outboxDepth: integer(0), oldestPendingSeconds: null, deadLetters: integer(0), breaker: regex(/^(closed|open|half-open)$/, 'closed'), lastError: null };
    pact
      .given(ADVISOR_STATES.customer)
      .uponReceiving('a read of the sync health')
      .withRequest({ method: 'GET', path: '/v1/sync-health', headers: WEB_APP })
      .willRespondWith({ status: 200, headers: JSON_TYPE, body: { healthy: boolean(true), systems: eachLike(system), openReviews: integer(0) } });
    const health = await pact.executeTest((server) => read(`${server.url}/v1/sync-health`, syncHealthViewSchema));
    expect(health?.body.systems[0]?.breaker).toBe('closed');
  });

  it('start a reconciliation with repair (202)', async () => {
    const pact = consumer();
    pact
      .given(ADVISOR_STATES.customer)
      .uponReceiving('a start of a reconciliation with repair')
      .withRequest({ method: 'POST', path: '/v1/reconciliations', headers: { ...WEB_APP, 'content-type': 'application/json' }, body: { repair: true } })
      .willRespondWith({
        status: 202,
        headers: JSON_TYPE,
        body: { id: like('1'), status: 'running', trigger: 'manual', repair: true, startedAt: at(), finishedAt: null, goldenRecords: integer(0), systems: [], mismatches: [], error: null },
      });
    const started = await pact.executeTest(async (server) => {
      const res = await fetch(`${server.url}/v1/reconciliations`, { method: 'POST', headers: { ...SEND, 'content-type': 'application/json' }, body: JSON.stringify({ repair: true }) });
      return { status: res.status, body: advisorReconciliationSchema.parse(await res.json()) };
    });
    expect(started).toMatchObject({ status: 202, body: { status: 'running', repair: true } });
  });

  it('decide a review, naming the signed-in staff member as the decider', async () => {
    const pact = consumer();
    pact
      .given(ADVISOR_STATES.review)
      .uponReceiving('an accept decision on review 7')
      .withRequest({ method: 'POST', path: '/v1/reviews/7/decision', headers: { ...WEB_APP, 'content-type': 'application/json' }, body: { decision: 'accept' } })
      .willRespondWith({
        status: 200,
        headers: JSON_TYPE,
        body: { id: '7', status: 'accepted', candidate: { system: like('salesforce'), id: like('003B'), data: like({}) }, customerKey: 'CK-100001', rule: like('name-birthdate-postcode'), score: like(0.8), createdAt: at(), decidedAt: at(), decidedBy: 'staff-42' },
      });
    const decided = await pact.executeTest(async (server) => {
      const res = await fetch(`${server.url}/v1/reviews/7/decision`, { method: 'POST', headers: { ...SEND, 'content-type': 'application/json' }, body: JSON.stringify({ decision: 'accept' }) });
      return advisorReviewSchema.parse(await res.json());
    });
    expect(decided?.decidedBy).toBe('staff-42');
  });

  it('list the audit trail of a customer', async () => {
    const pact = consumer();
    pact
      .given(ADVISOR_STATES.customer)
      .uponReceiving('a read of the audit trail of CK-100001')
      .withRequest({ method: 'GET', path: '/v1/audit-events', query: { customerKey: 'CK-100001' }, headers: WEB_APP })
      .willRespondWith({
        status: 200,
        headers: JSON_TYPE,
        body: { items: eachLike({ id: like('1'), at: at(), staffId: like('staff-7'), clientId: like('advisor-web'), customerKey: 'CK-100001', action: regex(/^(customer-360-viewed|history-read|review-decided)$/, 'customer-360-viewed'), correlationId: like('c0ffee') }), nextCursor: null },
      });
    const trail = await pact.executeTest((server) => read(`${server.url}/v1/audit-events?customerKey=CK-100001`, cursorPageSchema(auditEventSchema)));
    expect(trail?.body.items[0]?.customerKey).toBe('CK-100001');
  });

  it('refuse a staff member without advisor:reconcile a reconciliation (403 problem+json)', async () => {
    const pact = consumer();
    pact
      .given(ADVISOR_STATES.readOnly)
      .uponReceiving('a start of a reconciliation by a read-only staff member')
      .withRequest({ method: 'POST', path: '/v1/reconciliations', headers: { ...WEB_APP, 'content-type': 'application/json' }, body: { repair: false } })
      .willRespondWith({ status: 403, headers: PROBLEM_TYPE, body: { type: 'urn:strata:problem:forbidden', status: 403, details: { requiredScope: 'advisor:reconcile' } } });
    const refused = await pact.executeTest(async (server) => {
      const res = await fetch(`${server.url}/v1/reconciliations`, { method: 'POST', headers: { ...SEND, 'content-type': 'application/json' }, body: JSON.stringify({ repair: false }) });
      return { status: res.status, body: (await res.json()) as { details?: unknown } };
    });
    expect(refused).toEqual({ status: 403, body: expect.objectContaining({ details: { requiredScope: 'advisor:reconcile' } }) });
  });
});
