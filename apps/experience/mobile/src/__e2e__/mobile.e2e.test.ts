/**
 * The mobile Experience API on the real landscape: four emulators seeded with the same
 * 200 people, their System APIs, customer-sync and this app, each a real process, and a
 * stand-in identity provider (a JWKS on a local port). A customer changes their phone
 * through `PATCH /v1/me`; the change must arrive in Salesforce (read back through
 * jsforce) and in all three banking backends (read from the emulators themselves).
 */
import { Connection } from 'jsforce';
import { hashApiKey } from '@strata/edge-security';
import { ISSUER, startTokenIssuer } from '@strata/edge-security/testing';
import { eventually, startAppProcess, startLandscape, type AppProcess, type Landscape } from '@strata/testing';
import { testServiceHeader } from '@strata/service-auth/testing';

jest.setTimeout(300_000);

/** How long a change may take to reach every system before the test gives up. */
const PROPAGATION_MS = 120_000;
const CLIENT = { id: 'e2e-mobile-app', secret: 'e2e-mobile-secret' };
const SF_CREDENTIALS = { clientId: 'strata-local-client', clientSecret: 'strata-local-secret', username: 'integration@strata.local', password: 'strata-local-password' };

interface Golden {
  customerKey: string;
  phone: string | null;
  identifiers: Record<'salesforce' | 'core-banking' | 'card-platform' | 'loan-mainframe', string | null>;
}

let landscape: Landscape;
let issuer: Awaited<ReturnType<typeof startTokenIssuer>>;
let mobile: AppProcess;

const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '');

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function goldenRecords(): Promise<Golden[]> {
  const all: Golden[] = [];
  let after: string | null = null;
  do {
    const page: { items: Golden[]; nextCursor: string | null } = await json(`${landscape.sync.url}/v1/customers?limit=200${after ? `&after=${after}` : ''}`, { headers: testServiceHeader('process-customer-sync') });
    all.push(...page.items);
    after = page.nextCursor;
  } while (after);
  return all;
}

beforeAll(async () => {
  [landscape, issuer] = await Promise.all([startLandscape({ people: 200 }), startTokenIssuer()]);
  mobile = await startAppProcess('apps/experience/mobile', {
    CUSTOMER_SYNC_URL: landscape.sync.url,
    JWKS_URL: issuer.jwksUrl,
    JWT_ISSUER: ISSUER,
    API_CLIENTS: JSON.stringify([{ id: CLIENT.id, secretHash: await hashApiKey(CLIENT.secret), tier: 'standard' }]),
  });
  // The initial sync: every feed read up to now and nothing left to deliver.
  await eventually(
    'the initial sync to settle',
    () => json<{ sources: { lagSeconds: number | null }[]; targets: { outboxDepth: number }[] }>(`${landscape.sync.url}/v1/status`, { headers: testServiceHeader('process-customer-sync') }),
    (h) => h.targets.every((t) => t.outboxDepth === 0) && h.sources.every((s) => s.lagSeconds === 0),
    180_000,
  );
}, 300_000);

afterAll(async () => {
  await mobile?.stop();
  await issuer?.close();
  await landscape?.close();
});

it('a phone change through PATCH /v1/me reaches Salesforce and all three banking backends', async () => {
  const customer = (await goldenRecords()).find((c) => Object.values(c.identifiers).every((id) => id !== null));
  if (!customer) throw new Error('no customer is linked in all four systems');
  const ids = customer.identifiers as Record<keyof Golden['identifiers'], string>;
  const token = await issuer.sign({ claims: { customer_key: customer.customerKey } });
  const headers = { authorization: `Bearer ${token}`, 'x-client-id': CLIENT.id, 'x-client-secret': CLIENT.secret, 'content-type': 'application/json' };

  const me = await fetch(`${mobile.url}/v1/me`, { headers });
  expect(me.status).toBe(200);
  const etag = me.headers.get('etag') as string;
  const phone = '+14155559876';
  const patched = await fetch(`${mobile.url}/v1/me`, { method: 'PATCH', headers: { ...headers, 'if-match': etag }, body: JSON.stringify({ phone }) });
  expect(patched.status).toBe(202);
  expect(patched.headers.get('location')).toBe('/v1/me/sync-status');

  const crm = new Connection({ oauth2: { loginUrl: landscape.emulators.salesforce.url, clientId: SF_CREDENTIALS.clientId, clientSecret: SF_CREDENTIALS.clientSecret }, version: '58.0' });
  await crm.login(SF_CREDENTIALS.username, SF_CREDENTIALS.password);
  await eventually('Salesforce to hold the phone', async () => (await crm.sobject('Contact').retrieve(ids.salesforce)) as { Phone?: string | null }, (c) => digits(c.Phone) === digits(phone), PROPAGATION_MS);
  await eventually('core banking to hold the phone', () => json<{ contact: { phone: string | null } }>(`${landscape.emulators['core-banking'].url}/parties/${ids['core-banking']}`), (p) => digits(p.contact.phone) === digits(phone), PROPAGATION_MS);
  // The card platform speaks SOAP only; its System API reads the cardholder live (GetCardholder).
  await eventually('the card platform to hold the phone', () => json<{ phone: string | null }>(`${landscape.systems['card-platform'].url}/v1/customers/${ids['card-platform']}`, { headers: testServiceHeader('system-card-platform') }), (c) => digits(c.phone) === digits(phone), PROPAGATION_MS);
  await eventually('the loan mainframe to hold the phone', () => json<{ phone?: string | null }>(`${landscape.emulators['loan-mainframe'].url}/__admin/loans/${ids['loan-mainframe']}`), (l) => digits(l.phone) === digits(phone), PROPAGATION_MS);

  const status = await eventually(
    'the change to show as complete in the app',
    () => json<{ complete: boolean; accounts: { account: string; state: string }[] }>(`${mobile.url}/v1/me/sync-status`, { headers }),
    (s) => s.complete,
    PROPAGATION_MS,
  );
  expect(status.accounts.map((a) => a.account).sort()).toEqual(['bank-account', 'card-account', 'loan-account', 'profile']);
});
