/**
 * customer-sync on the real landscape: four emulators seeded with the same 2,000 people
 * (each spelled its own way, with conflicts and people missing here and there), their
 * four System APIs and customer-sync, each a real process. The scenarios run in order
 * on one landscape: booting it is the expensive part.
 */
import type { CanonicalCustomer, SyncedSystem } from '@strata/contracts-process-customer-sync';
import { backendWriters, startLandscape, type BackendWriters, type Landscape } from '@strata/testing';
import { isConverged, syncClient } from './sync-client';
import { expectServiceTokenRequired } from '@strata/service-auth/testing';

const PEOPLE = Number(process.env['E2E_PEOPLE'] ?? 2000);
const SYSTEMS: SyncedSystem[] = ['salesforce', 'core-banking', 'card-platform', 'loan-mainframe'];

jest.setTimeout(600_000);

let landscape: Landscape;
let writers: BackendWriters;
const sync = syncClient(() => landscape.sync.url);
/** Customers no scenario has touched yet, so each scenario's expectations are its own. */
let untouched: CanonicalCustomer[] = [];

const linkedSystems = (c: CanonicalCustomer) => SYSTEMS.filter((s) => c.identifiers[s] !== null);
const deliveredTotal = async () => (await sync.health()).targets.reduce((sum, t) => sum + t.delivered, 0);
const take = (count: number, filter: (c: CanonicalCustomer) => boolean) => {
  const picked = untouched.filter(filter).slice(0, count);
  untouched = untouched.filter((c) => !picked.includes(c));
  return picked;
};

/** Changes each customer's email in one of its systems, directly in that backend, 20 at a time. */
async function changeEmails(changes: { customer: CanonicalCustomer; system: SyncedSystem; email: string }[]): Promise<void> {
  for (let start = 0; start < changes.length; start += 20) {
    await Promise.all(changes.slice(start, start + 20).map(({ customer, system, email }) => writers.setEmail(system, customer.identifiers[system] as string, email)));
  }
}

/** Waits until every changed customer's golden email is the new one and every linked system confirmed that version. */
async function waitForPropagation(changes: { customer: CanonicalCustomer; email: string }[], timeoutMs: number): Promise<Map<string, CanonicalCustomer>> {
  const now = new Map<string, CanonicalCustomer>();
  await sync.until(
    `${changes.length} changes to reach every system`,
    async () => {
      for (const { customer, email } of changes) {
        if (now.get(customer.customerKey)?.email === email && (await inSyncEverywhere(customer.customerKey))) continue;
        now.set(customer.customerKey, await sync.customer(customer.customerKey));
      }
      return changes.filter(({ customer, email }) => now.get(customer.customerKey)?.email !== email).length;
    },
    (pending) => pending === 0,
    timeoutMs,
  );
  await sync.until('every delivery confirmed', async () => (await Promise.all(changes.map((c) => inSyncEverywhere(c.customer.customerKey)))).every(Boolean), Boolean, timeoutMs);
  return now;
}

async function inSyncEverywhere(customerKey: string): Promise<boolean> {
  const status = await sync.get<{ systems: { state: string }[] }>(`/v1/customers/${customerKey}/sync-status`);
  return status.systems.every((s) => s.state === 'in-sync' || s.state === 'not-linked');
}

async function expectConverged(): Promise<void> {
  const report = await sync.until('a reconciliation that finds every system in step', async () => ({ report: await sync.reconcile(), reviews: await sync.openReviewsBySystem() }), ({ report, reviews }) => isConverged(report, reviews), 240_000);
  for (const line of report.report.systems) expect(line).toMatchObject({ mismatched: 0, missing: 0 });
}

beforeAll(async () => {
  landscape = await startLandscape({ people: PEOPLE });
  writers = await backendWriters({
    salesforce: landscape.emulators.salesforce.url,
    'core-banking': landscape.emulators['core-banking'].url,
    'card-platform': landscape.emulators['card-platform'].url,
    'loan-mainframe': landscape.emulators['loan-mainframe'].url,
  });
}, 300_000);

afterAll(async () => {
  await landscape?.close();
});

it('behind the edge: customer-sync and every System API, as deployed, answer only service tokens minted for them', async () => {
  await expectServiceTokenRequired(landscape.sync.url, 'process-customer-sync', '/v1/customers?limit=1');
  for (const [system, api] of Object.entries(landscape.systems)) await expectServiceTokenRequired(api.url, `system-${system}`, '/v1/customers?limit=1');
});

it(`initial load: ${PEOPLE} people across four systems end up linked, with every linked system agreeing with its golden record`, async () => {
  await expectConverged();
  const golden = await sync.customers();
  untouched = golden.filter((c) => c.customerKey.startsWith('CK-0'));
  expect(golden.length).toBeGreaterThanOrEqual(PEOPLE * 0.98);
  expect(golden.filter((c) => linkedSystems(c).length >= 2).length).toBeGreaterThan(PEOPLE * 0.9);
});

it('steady state: 500 changes made directly in the four backends at once converge everywhere, with exactly the expected writes and no echo', async () => {
  const picked = take(500, (c) => linkedSystems(c).length >= 2);
  const changes = picked.map((customer, i) => {
    const linked = linkedSystems(customer);
    const system = linked.includes(SYSTEMS[i % 4]!) ? SYSTEMS[i % 4]! : linked[0]!;
    return { customer, system, email: `e2e.${customer.customerKey.toLowerCase()}@steady.example` };
  });
  const deliveredBefore = await deliveredTotal();

  await changeEmails(changes);
  const after = await waitForPropagation(changes, 240_000);

  const expectedWrites = changes.reduce((sum, { customer }) => sum + linkedSystems(customer).length - 1, 0);
  expect((await deliveredTotal()) - deliveredBefore).toBe(expectedWrites);
  for (const { customer } of changes) expect(after.get(customer.customerKey)?.version).toBe(customer.version + 1);
  await new Promise((resolve) => setTimeout(resolve, 5000));
  expect((await deliveredTotal()) - deliveredBefore).toBe(expectedWrites);
  await expectConverged();
});

it('conflict: the same phone changed in Salesforce and core banking within a second, in either order, resolves to the CRM value with both changes in the history', async () => {
  const picked = take(8, (c) => c.identifiers.salesforce !== null && c.identifiers['core-banking'] !== null);
  const edits = picked.map((customer, i) => ({ customer, crmFirst: i % 2 === 0, crm: `+1415555${String(2000 + i)}`, bank: `+1303555${String(2000 + i)}` }));
  const pause = () => new Promise((resolve) => setTimeout(resolve, 300));

  await Promise.all(
    edits.map(async ({ customer, crmFirst, crm, bank }) => {
      const crmEdit = () => writers.setPhone('salesforce', customer.identifiers.salesforce as string, crm);
      const bankEdit = () => writers.setPhone('core-banking', customer.identifiers['core-banking'] as string, bank);
      if (crmFirst) await crmEdit().then(pause).then(bankEdit);
      else await bankEdit().then(pause).then(crmEdit);
    }),
  );

  // Both edits must reach the history, as a change or as a value that lost. "In step
  // everywhere" alone is not enough to wait for: it can hold for a moment before a
  // polled feed (core banking's) has reported an edit at all.
  const phonesSeen = async (customerKey: string) => {
    const history = await sync.get<{ items: { changes: { field: string; to: unknown }[]; rejected: { field: string; value: unknown }[] }[] }>(`/v1/customers/${customerKey}/history?limit=20`);
    return history.items.flatMap((e) => [...e.changes.filter((c) => c.field === 'phone').map((c) => c.to), ...e.rejected.filter((r) => r.field === 'phone').map((r) => r.value)]);
  };
  // The default rules: the most recent phone wins, and changes within 2 s of each other
  // are a tie that Salesforce wins. Either order therefore ends on the CRM's value.
  for (const { customer, crm, bank } of edits) {
    const seen = await sync.until(`${customer.customerKey}'s history to hold both phones`, () => phonesSeen(customer.customerKey), (phones) => phones.includes(crm) && phones.includes(bank), 120_000);
    expect(seen).toEqual(expect.arrayContaining([crm, bank]));
    await sync.until(`${customer.customerKey} in step everywhere`, () => inSyncEverywhere(customer.customerKey), Boolean, 120_000);
    expect((await sync.customer(customer.customerKey)).phone).toBe(crm);
  }
  await expectConverged();
});

it('fault: with the card platform System API killed mid-run the others keep syncing, its deliveries wait, and after its restart everything converges', async () => {
  const picked = take(40, (c) => c.identifiers['card-platform'] !== null && c.identifiers['core-banking'] !== null);
  const changes = picked.map((customer) => ({ customer, system: 'core-banking' as const, email: `e2e.${customer.customerKey.toLowerCase()}@fault.example` }));

  await landscape.restartSystem('card-platform', async () => {
    await changeEmails(changes);
    const health = await sync.until(
      'the other systems to sync while card deliveries wait',
      () => sync.health(),
      (h) => (h.targets.find((t) => t.system === 'card-platform')?.outboxDepth ?? 0) >= changes.length,
      120_000,
    );
    expect(health.targets.find((t) => t.system === 'card-platform')?.deadLetters).toBe(0);
    for (const { customer, email } of changes) expect((await sync.customer(customer.customerKey)).email).toBe(email);
  });

  await waitForPropagation(changes, 240_000);
  expect((await sync.health()).targets.every((t) => t.deadLetters === 0)).toBe(true);
  await expectConverged();
});

it('crash: customer-sync killed with kill -9 mid-run and restarted converges with nothing lost or applied twice', async () => {
  const picked = take(120, (c) => linkedSystems(c).length >= 2);
  const changes = picked.map((customer, i) => ({ customer, system: linkedSystems(customer)[i % 2]!, email: `e2e.${customer.customerKey.toLowerCase()}@crash.example` }));

  const writing = changeEmails(changes);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await landscape.restartSync('SIGKILL');
  await writing;

  const after = await waitForPropagation(changes, 240_000);
  for (const { customer } of changes) expect(after.get(customer.customerKey)?.version).toBe(customer.version + 1);
  await expectConverged();
});
