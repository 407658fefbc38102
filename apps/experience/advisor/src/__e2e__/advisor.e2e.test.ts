/**
 * The advisor Experience API on the real landscape: four emulators seeded with the same
 * few people, their System APIs, customer-sync and this app, each a real process, and a
 * stand-in identity provider (a JWKS on a local port). A customer's phone changes
 * through customer-sync; the advisor's Customer 360 must show the change in the history
 * and every linked system, read live, in step with it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashApiKey } from '@strata/edge-security';
import { ISSUER, startTokenIssuer } from '@strata/edge-security/testing';
import { eventually, startAppProcess, startLandscape, type AppProcess, type Landscape } from '@strata/testing';
import { testServiceHeader } from '@strata/service-auth/testing';

jest.setTimeout(240_000);

/** How long a change may take to reach every system before the test gives up. */
const PROPAGATION_MS = 90_000;
const CLIENT = { id: 'e2e-advisor-web', secret: 'e2e-advisor-secret' };

interface Golden {
  customerKey: string;
  identifiers: Record<string, string | null>;
}
interface View360 {
  customer: { version: number; phone: string | null };
  inStep: boolean;
  systems: { system: string; status: string; record: { phone: string | null } | null }[];
  history: { items: { version: number; changes: { field: string; to: unknown }[] }[] };
}

let landscape: Landscape;
let issuer: Awaited<ReturnType<typeof startTokenIssuer>>;
let advisor: AppProcess;
const dataDir = mkdtempSync(path.join(tmpdir(), 'advisor-e2e-'));

const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '');

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  [landscape, issuer] = await Promise.all([startLandscape({ people: 12 }), startTokenIssuer()]);
  advisor = await startAppProcess('apps/experience/advisor', {
    CUSTOMER_SYNC_URL: landscape.sync.url,
    JWKS_URL: issuer.jwksUrl,
    JWT_ISSUER: ISSUER,
    DATA_DIR: dataDir,
    API_CLIENTS: JSON.stringify([{ id: CLIENT.id, secretHash: await hashApiKey(CLIENT.secret), tier: 'standard' }]),
  });
}, 240_000);

afterAll(async () => {
  await advisor?.stop();
  await issuer?.close();
  await landscape?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const linked = (c: Golden) => Object.values(c.identifiers).filter((id) => id !== null).length;

it("after a customer's phone changes, the advisor's 360 shows it in the history and every system in step", async () => {
  // No need to wait for the whole initial sync: one customer linked in every system is enough.
  const { items } = await eventually(
    'a customer linked in all four systems',
    () => json<{ items: Golden[] }>(`${landscape.sync.url}/v1/customers?limit=200`, { headers: testServiceHeader('process-customer-sync') }),
    (page) => page.items.some((c) => linked(c) === 4),
    120_000,
  );
  const customer = items.find((c) => linked(c) === 4) as Golden;
  const token = await issuer.sign({ audience: 'strata-advisor', subject: 'staff-e2e', claims: { scope: 'advisor:read advisor:audit' } });
  const headers = { authorization: `Bearer ${token}`, 'x-client-id': CLIENT.id, 'x-client-secret': CLIENT.secret };

  const current = await fetch(`${landscape.sync.url}/v1/customers/${customer.customerKey}`, { headers: testServiceHeader('process-customer-sync') });
  const phone = '+14155550142';
  const changed = await fetch(`${landscape.sync.url}/v1/customers/${customer.customerKey}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'if-match': current.headers.get('etag') as string, ...testServiceHeader('process-customer-sync') },
    body: JSON.stringify({ phone }),
  });
  expect(changed.status).toBe(202);
  const { version } = (await changed.json()) as { version: number };

  const view = await eventually(
    'the 360 to show every linked system in step with the new phone',
    () => json<View360>(`${advisor.url}/v1/customers/${customer.customerKey}`, { headers }),
    (v) => v.inStep && v.systems.every((s) => !s.record?.phone || digits(s.record.phone) === digits(phone)),
    PROPAGATION_MS,
  );
  expect(view.customer).toMatchObject({ version: expect.any(Number), phone });
  expect(view.systems.map((s) => s.system).sort()).toEqual(['card-platform', 'core-banking', 'loan-mainframe', 'salesforce']);
  expect(view.systems.every((s) => s.status === 'in-step')).toBe(true);
  // Core banking and Salesforce keep phones: their own records, read live, hold the new one.
  for (const system of ['core-banking', 'salesforce']) expect(digits(view.systems.find((s) => s.system === system)?.record?.phone)).toBe(digits(phone));
  const entry = view.history.items.find((e) => e.version === version);
  expect(entry?.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'phone', to: phone })]));

  const trail = await json<{ items: { staffId: string; action: string }[] }>(`${advisor.url}/v1/audit-events?customerKey=${customer.customerKey}`, { headers });
  expect(trail.items[0]).toMatchObject({ staffId: 'staff-e2e', action: 'customer-360-viewed' });
});
