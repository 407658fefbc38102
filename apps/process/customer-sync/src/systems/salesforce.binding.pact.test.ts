/**
 * Consumer contract of customer-sync with the Salesforce System API, recorded through
 * the real binding: the change feed intake reads, the list page reconciliation walks,
 * and the update by id propagation sends, one at a time or as a batch. Writes
 * pacts/process-customer-sync-system-salesforce.json, which
 * `system-salesforce:pact-verify` checks against the real API over the org emulator.
 * The update carries the `If-Match` of the version intake last read, so propagation
 * never overwrites a CRM edit it has not seen; a stale one is refused with 412.
 */
import { rmSync } from 'node:fs';
import { encodeCursor } from '@strata/contract-kit';
import { CUSTOMER_VERSION_PATTERN } from '@strata/contracts-system-salesforce';
import { MatchersV3, pactFilePath } from '@strata/testing';
import * as pact from '../__fixtures__/system-pact.fixtures';
import { salesforceBinding } from './bindings';

const { like, regex, fromProviderState } = MatchersV3;
/** The contact the state created, by the id it answers. */
const CONTACT_PATH = fromProviderState('/v1/customers/${id}', '/v1/customers/0035g0000000001AAA');
const PROVIDER = 'system-salesforce';
const SALESFORCE_ID = /^003[A-Za-z0-9]{15}$/;
const UNKNOWN_ID = '003000000000000AAA';
/** The example versions: the one intake last read, the one the record has after the write. */
const READ_VERSION = '1767261600000-1b4f0e98';
const WRITTEN_VERSION = '1767261600123-9f86d081';

jest.setTimeout(30_000);

/** A contact as customer-sync reads it: every field it maps to the golden record filled, and the version it sends back as If-Match. */
const contact = {
  id: regex(SALESFORCE_ID, '0035g0000000001AAA'),
  ...pact.FILLED_PERSON,
  mobilePhone: like('+15555550199'),
  mailingAddress: pact.filledAddress(like('United States')),
  accountId: null,
  externalIds: { coreBanking: null, cardPlatform: null, loanSystem: null },
  status: regex(/^(active|inactive|deceased)$/, 'active'),
  preferredChannels: [],
  createdAt: regex(pact.ISO, '2026-03-01T10:00:00.000+00:00'),
  updatedAt: regex(pact.ISO, '2026-03-01T10:00:00.000+00:00'),
  version: regex(CUSTOMER_VERSION_PATTERN, WRITTEN_VERSION),
};

const recorder = pact.bindingPact(PROVIDER, salesforceBinding);
const { address, ...goldenFields } = pact.GOLDEN_UPDATE;
/** What the binding sends for {@link pact.GOLDEN_UPDATE}: the CRM keeps country names, in `mailingAddress`. */
const UPDATE_BODY = { ...goldenFields, mailingAddress: { ...address, country: 'United States' } };

describe('consumer: customer-sync expects system-salesforce to', () => {
  beforeAll(() => rmSync(pactFilePath(pact.CONSUMER, PROVIDER), { force: true }));

  it('serve the change feed after a cursor, each change with its data, origin, time and type', async () => {
    const page = await recorder.feedPage(regex(SALESFORCE_ID, '0035g0000000001AAA'), contact);
    expect(page?.changes[0]).toMatchObject({ changeType: 'created', origin: { self: false }, data: { customerKey: 'CK-800002', lastName: 'Lovelace' } });
  });

  it('list the customers after a cursor for reconciliation', async () => {
    const page = await recorder.listPage(200, encodeCursor({ id: '0035g0000000000AAA' }), contact);
    expect(page?.items.map((c) => c.customerKey)).toEqual(['CK-800002']);
    expect(page?.nextCursor).toBeNull();
  });

  it('take the golden record by Salesforce id when If-Match carries the version intake last read, country as a name and the golden key stamped on it', async () => {
    const outcome = await recorder.update(
      {
        state: pact.RECORD_STATE,
        description: 'an update of a contact by id with the version last read',
        path: CONTACT_PATH,
        headers: pact.ifMatch(fromProviderState('"${version}"', `"${READ_VERSION}"`)),
        body: UPDATE_BODY,
        response: { status: 200, headers: pact.JSON_TYPE, body: { id: regex(SALESFORCE_ID, '0035g0000000001AAA'), created: false, customer: { ...contact, customerKey: 'CK-800001' } } },
      },
      '0035g0000000001AAA',
      READ_VERSION,
    );
    expect(outcome).toEqual({ version: WRITTEN_VERSION });
  });

  it('refuse the update with 412 when the contact was saved in the CRM since that version, which the binding rejects with that status', async () => {
    const outcome = await recorder.update(
      {
        state: pact.CHANGED_RECORD_STATE,
        description: 'an update of a contact by id with a stale version',
        path: CONTACT_PATH,
        headers: pact.ifMatch(fromProviderState('"${staleVersion}"', `"${READ_VERSION}"`)),
        body: UPDATE_BODY,
        response: pact.problem(412, 'precondition-failed', 'The resource has changed'),
      },
      '0035g0000000001AAA',
      READ_VERSION,
    );
    expect(outcome).toMatchObject({ name: 'UpstreamError', upstreamStatus: 412 });
  });

  it('answer 404 for an id it does not know, which the binding rejects with that status', async () => {
    const outcome = await recorder.update(
      { state: `no contact has id ${UNKNOWN_ID}`, description: 'an update of an unknown contact id', path: `/v1/customers/${UNKNOWN_ID}`, body: UPDATE_BODY, response: pact.problem(404, 'not-found', 'Not found') },
      UNKNOWN_ID,
      null,
    );
    expect(outcome).toMatchObject({ name: 'UpstreamError', upstreamStatus: 404 });
  });

  it('take a batch of updates and answer each item on its own, in order: the golden record written with the version last read, 404 for an unknown contact', async () => {
    const outcomes = await recorder.updateMany(
      ...pact.knownAndUnknownBatch({ noun: 'contact', unknownState: `no contact has id ${UNKNOWN_ID}`, unknownId: UNKNOWN_ID, idPattern: SALESFORCE_ID, exampleId: '0035g0000000001AAA', readVersion: READ_VERSION, body: UPDATE_BODY, record: contact }),
    );
    expect(outcomes?.[0]).toEqual({ ok: true, recordVersion: WRITTEN_VERSION });
    expect(outcomes?.[1]).toMatchObject({ ok: false, error: { name: 'UpstreamError', upstreamStatus: 404 } });
  });

  it('serve a contact by id for the Customer 360, and 404 for an id it does not know (read as missing)', async () => {
    const found = await recorder.read({ state: pact.RECORD_STATE, description: 'a read of a contact by id', path: CONTACT_PATH, response: { status: 200, headers: pact.JSON_TYPE, body: { ...contact, customerKey: regex(/^CK-\d{6,}$/, 'CK-800004') } } }, '0035g0000000001AAA');
    expect(found?.values).toMatchObject({ lastName: 'Lovelace', email: 'ada.lovelace@example.org' });
    const missing = await recorder.read({ state: `no contact has id ${UNKNOWN_ID}`, description: 'a read of an unknown id', path: `/v1/customers/${UNKNOWN_ID}`, response: pact.problem(404, 'not-found', 'Not found') }, UNKNOWN_ID);
    expect(missing).toBeNull();
  });
});
