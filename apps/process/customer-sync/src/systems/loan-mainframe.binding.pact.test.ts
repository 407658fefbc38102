/**
 * Consumer contract of customer-sync with the loan mainframe System API, recorded through
 * the real binding: the change feed, the list page reconciliation walks, and the update
 * by loan account with `Prefer: wait=5`, so the mainframe's acknowledgement (200) or
 * rejection comes back on the delivery itself instead of vanishing after a 202, and the
 * batch update that sends a backlog as one request file, answered item by item.
 * Writes pacts/process-customer-sync-system-loan-mainframe.json for
 * `system-loan-mainframe:pact-verify`.
 */
import { rmSync } from 'node:fs';
import { encodeCursor } from '@strata/contract-kit';
import { MatchersV3, pactFilePath } from '@strata/testing';
import * as pact from '../__fixtures__/system-pact.fixtures';
import { loanMainframeBinding } from './bindings';

const { like, regex } = MatchersV3;
const PROVIDER = 'system-loan-mainframe';
const LOAN_ACCOUNT = /^LN-\d{8}$/;
const UNKNOWN_ID = 'LN-00000404';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

jest.setTimeout(30_000);

/** The borrower of one loan as customer-sync reads it, every mapped field filled. */
const borrower = {
  id: regex(LOAN_ACCOUNT, 'LN-99999997'),
  ...pact.FILLED_PERSON,
  address: pact.filledAddress(),
  status: regex(/^(active|inactive|deceased)$/, 'active'),
  updatedAt: regex(pact.ISO, '2026-03-01T10:00:00.000Z'),
  loan: { outstandingBalance: like(1234.5), interestRatePercent: like(4.5) },
};

/** The acknowledged request: the binding relies only on the 200, the body is what the contract promises. */
const applied = {
  requestId: regex(UUID, '3f1c2a9e-5b7d-4c1e-9a2b-1d2e3f4a5b6c'),
  status: 'applied',
  loanAccount: like('LN-80000004'),
  customerKey: null,
  requestFile: regex(/^LNREQ\.\d{6}\.req$/, 'LNREQ.000001.req'),
  returnCode: regex(/^0[04]$/, '00'),
  returnMeaning: like('applied'),
  message: like('UPDATED'),
  submittedAt: regex(pact.ISO, '2026-03-01T10:00:00.000Z'),
  completedAt: regex(pact.ISO, '2026-03-01T10:00:01.000Z'),
};

const recorder = pact.bindingPact(PROVIDER, loanMainframeBinding);
const WAIT = { prefer: 'wait=5' };

describe('consumer: customer-sync expects system-loan-mainframe to', () => {
  beforeAll(() => rmSync(pactFilePath(pact.CONSUMER, PROVIDER), { force: true }));

  it('serve the change feed after a cursor, each change with its data, origin, time and type', async () => {
    const page = await recorder.feedPage(regex(LOAN_ACCOUNT, 'LN-99999997'), borrower);
    expect(page?.changes[0]).toMatchObject({ changeType: 'created', origin: { self: false }, data: { id: 'LN-99999997', customerKey: 'CK-800002' } });
  });

  it('list the borrowers after a cursor for reconciliation', async () => {
    const page = await recorder.listPage(200, encodeCursor({ id: 'LN99999997' }), { ...borrower, id: regex(LOAN_ACCOUNT, 'LN-99999998') });
    expect(page?.items.map((c) => c.id)).toEqual(['LN-99999998']);
    expect(page?.nextCursor).toBeNull();
  });

  it('apply the golden record by loan account and answer 200 once the mainframe acknowledged it', async () => {
    const outcome = await recorder.update(
      {
        state: pact.RECORD_STATE,
        description: 'an update of a borrower by loan account that waits for the acknowledgement',
        path: MatchersV3.fromProviderState('/v1/customers/${id}', '/v1/customers/LN-80000004'),
        headers: WAIT,
        body: pact.GOLDEN_UPDATE,
        response: { status: 200, headers: pact.JSON_TYPE, body: applied },
      },
      'LN-80000004',
      null,
    );
    expect(outcome).toEqual({ version: null });
  });

  it('answer 404 for a loan account the mainframe does not know, which the binding rejects with that status', async () => {
    const outcome = await recorder.update(
      { state: `no loan has account ${UNKNOWN_ID}`, description: 'an update of an unknown loan account', path: `/v1/customers/${UNKNOWN_ID}`, headers: WAIT, body: pact.GOLDEN_UPDATE, response: pact.problem(404, 'not-found', 'Not found') },
      UNKNOWN_ID,
      null,
    );
    expect(outcome).toMatchObject({ name: 'UpstreamError', upstreamStatus: 404 });
  });

  it('take a batch of updates as one request file and answer each item once acknowledged: 200 applied, 404 for an unknown loan account', async () => {
    const outcomes = await recorder.updateMany(
      {
        states: [pact.RECORD_STATE, `no loan has account ${UNKNOWN_ID}`],
        description: 'a batch update of a known and an unknown loan account that waits for the acknowledgement',
        headers: WAIT,
        body: { items: [{ id: MatchersV3.fromProviderState('${id}', 'LN-80000004'), update: pact.GOLDEN_UPDATE }, { id: UNKNOWN_ID, update: pact.GOLDEN_UPDATE }] },
        response: {
          status: 200,
          headers: pact.JSON_TYPE,
          body: {
            results: [
              { id: regex(LOAN_ACCOUNT, 'LN-80000004'), status: 200, request: applied },
              { id: UNKNOWN_ID, status: 404, request: { ...applied, status: 'rejected', loanAccount: UNKNOWN_ID, returnCode: '08' }, problem: pact.problem(404, 'not-found', 'Not found').body },
            ],
          },
        },
      },
      [
        { recordId: 'LN-80000004', update: pact.GOLDEN_UPDATE, expectedVersion: null },
        { recordId: UNKNOWN_ID, update: pact.GOLDEN_UPDATE, expectedVersion: null },
      ],
    );
    expect(outcomes?.[0]).toEqual({ ok: true, recordVersion: null });
    expect(outcomes?.[1]).toMatchObject({ ok: false, error: { name: 'UpstreamError', upstreamStatus: 404 } });
  });

  it('serve a borrower by id for the Customer 360, and 404 for an id it does not know (read as missing)', async () => {
    const found = await recorder.read({ state: pact.RECORD_STATE, description: 'a read of a borrower by id', path: MatchersV3.fromProviderState('/v1/customers/${id}', '/v1/customers/LN-80000004'), response: { status: 200, headers: pact.JSON_TYPE, body: { ...borrower, id: regex(LOAN_ACCOUNT, 'LN-80000004'), customerKey: regex(/^CK-\d{6,}$/, 'CK-800004') } } }, 'LN-80000004');
    expect(found?.values).toMatchObject({ lastName: 'Lovelace', email: 'ada.lovelace@example.org' });
    const missing = await recorder.read({ state: `no loan has account ${UNKNOWN_ID}`, description: 'a read of an unknown id', path: `/v1/customers/${UNKNOWN_ID}`, response: pact.problem(404, 'not-found', 'Not found') }, UNKNOWN_ID);
    expect(missing).toBeNull();
  });
});
