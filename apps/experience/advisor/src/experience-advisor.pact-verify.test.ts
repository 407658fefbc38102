/**
 * Provider verification: the real advisor app (its security, routes and audit store on
 * PGlite) answers every interaction the staff web app recorded
 * (pacts/advisor-web-experience-advisor.json), over the fake customer-sync seeded per
 * provider state. The web app's example token cannot be verified, so each request's
 * bearer token is replaced by one the test's identity provider signs for the state's
 * staff member: what the web app would hold after signing in.
 */
import { listenOnFreePort, verifyPacts } from '@strata/testing';
import { ALL_SCOPES, startAdvisorApp } from './__fixtures__/advisor-app.harness';
import { goldenRecord, historyEntry, openReview, systemInStep } from './__fixtures__/customer-sync.fake';

jest.setTimeout(120_000);

let advisor: Awaited<ReturnType<typeof startAdvisorApp>>;
let token = '';

/** Customer CK-100001 as the states need it: core banking differs on the phone, two history entries. */
function seedCustomer(): void {
  const { state } = advisor.customerSync;
  for (const map of [state.records, state.systems, state.history, state.reviews]) map.clear();
  const ada = goldenRecord('CK-100001');
  state.records.set(ada.customerKey, ada);
  state.systems.set(ada.customerKey, [{ ...systemInStep(ada, 'core-banking', 'P9001'), status: 'differs', differences: [{ field: 'phone', golden: ada.phone, system: '+15555550999' }] }]);
  state.history.set(ada.customerKey, [historyEntry(3), historyEntry(2)]);
}

/** The staff member the web app signed in as, with `scope`. */
async function signIn(scope: string): Promise<void> {
  token = (await advisor.as('staff-42', scope)).authorization.replace(/^Bearer /, '');
}

beforeAll(async () => {
  advisor = await startAdvisorApp();
}, 60_000);
afterAll(() => advisor.close());

it('honours the staff web app pact', async () => {
  const provider = await listenOnFreePort((req, res) => {
    if (req.headers.authorization) req.headers.authorization = `Bearer ${token}`;
    advisor.app(req, res);
  });
  try {
    const output = await verifyPacts({
      provider: 'experience-advisor',
      providerBaseUrl: provider.url,
      stateHandlers: {
        'staff member staff-42 is signed in with every advisor scope, and customer CK-100001 exists': async () => {
          seedCustomer();
          await advisor.audit.record({ staffId: 'staff-7', clientId: 'advisor-web', customerKey: 'CK-100001', action: 'customer-360-viewed', correlationId: 'c0ffee' });
          await signIn(ALL_SCOPES);
        },
        'staff member staff-42 is signed in with every advisor scope, and review 7 of CK-100001 is open': async () => {
          seedCustomer();
          advisor.customerSync.state.reviews.set('7', openReview('7', 'CK-100001'));
          await signIn(ALL_SCOPES);
        },
        'staff member staff-42 is signed in with advisor:read only': async () => {
          seedCustomer();
          await signIn('advisor:read');
        },
      },
    });
    expect(output).toBeDefined();
  } finally {
    await provider.close();
  }
});
