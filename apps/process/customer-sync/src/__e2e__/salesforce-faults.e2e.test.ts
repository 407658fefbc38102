/**
 * Salesforce faults during sync (issue 8), on a small real landscape of its own: the
 * org emulator fails 5% of all writes with UNABLE_TO_LOCK_ROW from start to end, runs
 * out of its daily API allowance (403 REQUEST_LIMIT_EXCEEDED) for a while, and expires
 * every session twice mid-run, while a burst of changes made directly in the banks and
 * in Salesforce must reach every system: nothing lost, nothing written twice, no dead
 * letters. The System API retries the locks itself, refreshes sessions through jsforce,
 * and answers the spent allowance with 429 + Retry-After, which customer-sync waits out
 * without spending attempts.
 */
import type { CanonicalCustomer, SyncedSystem } from '@strata/contracts-process-customer-sync';
import { backendWriters, startLandscape, type BackendWriters, type Landscape } from '@strata/testing';
import { crmEmails, orgFaults, salesforceFeed, saveAgainWhileLocked } from './salesforce-faults.org';
import { isConverged, sleep, syncClient } from './sync-client';

const PEOPLE = 150;
const SYSTEMS: SyncedSystem[] = ['salesforce', 'core-banking', 'card-platform', 'loan-mainframe'];
const BANKS: SyncedSystem[] = ['core-banking', 'card-platform', 'loan-mainframe'];
/** The System API tells callers to come back this soon after REQUEST_LIMIT_EXCEEDED (300 s by default). */
const ALLOWANCE_PAUSE_SECONDS = 2;
/**
 * Few attempts before a dead letter (8 by default), so a refusal that wrongly spent
 * attempts would show as dead letters within the test's short allowance window.
 */
const MAX_ATTEMPTS = 3;

// The scenarios take well under a minute; booting eleven processes is the slow part, and
// on a busy two-core machine it has taken 3 minutes, hence the generous bounds.
jest.setTimeout(240_000);

let landscape: Landscape;
let writers: BackendWriters;
let org: ReturnType<typeof orgFaults>;
const sync = syncClient(() => landscape.sync.url);

interface Change {
  customer: CanonicalCustomer;
  system: SyncedSystem;
  email: string;
}

const linkedSystems = (c: CanonicalCustomer) => SYSTEMS.filter((s) => c.identifiers[s] !== null);
const salesforceId = (c: CanonicalCustomer) => c.identifiers.salesforce as string;
const id15 = (id: string) => id.slice(0, 15);
const target = async (system: SyncedSystem) => (await sync.health()).targets.find((t) => t.system === system);
const deliveredTotal = async () => (await sync.health()).targets.reduce((sum, t) => sum + t.delivered, 0);

const deadLetters = async () => (await sync.health()).targets.reduce((sum, t) => sum + t.deadLetters, 0);

async function converged(): Promise<void> {
  const seen = await sync.until('a reconciliation that finds every system in step', async () => ({ report: await sync.reconcile(), reviews: await sync.openReviewsBySystem() }), ({ report, reviews }) => isConverged(report, reviews), 90_000);
  for (const line of seen.report.systems) expect(line).toMatchObject({ mismatched: 0, missing: 0 });
}

/** Makes each change directly in its backend, 20 at a time; Salesforce saves are repeated while the row is locked. */
async function makeChanges(changes: Change[]): Promise<void> {
  for (let start = 0; start < changes.length; start += 20) {
    const slice = changes.slice(start, start + 20);
    await Promise.all(slice.map(({ customer, system, email }) => saveAgainWhileLocked(() => writers.setEmail(system, customer.identifiers[system] as string, email))));
  }
}

/** Where each system stands with the customer's latest golden version. */
async function states(customerKey: string): Promise<Map<SyncedSystem, string>> {
  const status = await sync.get<{ systems: { system: SyncedSystem; state: string }[] }>(`/v1/customers/${customerKey}/sync-status`);
  return new Map(status.systems.map((s) => [s.system, s.state]));
}
const confirmed = (state: string | undefined) => state === 'in-sync' || state === 'not-linked';

/** Changes not yet everywhere: golden email not the new one, or some linked system not confirmed in step. */
async function notYetEverywhere(changes: Change[]): Promise<number> {
  const pending = await Promise.all(
    changes.map(async ({ customer, email }) => (await sync.customer(customer.customerKey)).email !== email || ![...(await states(customer.customerKey)).values()].every(confirmed)),
  );
  return pending.filter(Boolean).length;
}

/** Bank changes whose golden record every bank has confirmed while Salesforce has not. */
async function inBanksOnly(changes: Change[]): Promise<number> {
  const held = await Promise.all(
    changes.map(async ({ customer }) => {
      const now = await states(customer.customerKey);
      return BANKS.every((bank) => confirmed(now.get(bank))) && !confirmed(now.get('salesforce'));
    }),
  );
  return held.filter(Boolean).length;
}

/** Kept so afterAll can stop a landscape whose start outlived beforeAll's timeout. */
let starting: Promise<Landscape> | undefined;

beforeAll(async () => {
  starting = startLandscape({ people: PEOPLE, syncEnv: { OUTBOX_MAX_ATTEMPTS: String(MAX_ATTEMPTS) }, systemEnv: { salesforce: { SALESFORCE_ALLOWANCE_PAUSE_SECONDS: String(ALLOWANCE_PAUSE_SECONDS) } } });
  landscape = await starting;
  org = orgFaults(landscape.emulators.salesforce.url);
  await org.set({ lockRowFailureRate: 0.05 });
  const { emulators } = landscape;
  writers = await backendWriters({ salesforce: emulators.salesforce.url, 'core-banking': emulators['core-banking'].url, 'card-platform': emulators['card-platform'].url, 'loan-mainframe': emulators['loan-mainframe'].url });
}, 540_000);

afterAll(async () => {
  await (await starting?.catch(() => undefined))?.close();
});

it(`with 5% of Salesforce writes failing UNABLE_TO_LOCK_ROW, the initial load of ${PEOPLE} people converges with no dead letters`, async () => {
  await converged();
  expect(await deadLetters()).toBe(0);
});

it('a burst of changes in the banks and in Salesforce, through a spent API allowance and expiring sessions, reaches every system once, with no dead letters', async () => {
  const picked = (await sync.customers()).filter((c) => c.identifiers.salesforce !== null && linkedSystems(c).length >= 2).slice(0, 60);
  expect(picked.length).toBe(60);
  const changes: Change[] = picked.map((customer, i) => {
    const bank = BANKS.map((_, k) => BANKS[(i + k) % BANKS.length] as SyncedSystem).find((b) => customer.identifiers[b] !== null);
    const system = i % 4 === 0 || bank === undefined ? 'salesforce' : bank;
    return { customer, system, email: `faults.${customer.customerKey.toLowerCase()}@${system}.example` };
  });
  const crmChanges = changes.filter((c) => c.system === 'salesforce');
  const bankChanges = changes.filter((c) => c.system !== 'salesforce');
  const feed = salesforceFeed(landscape.systems.salesforce.url);
  const { cursor } = await feed.drain();
  const deliveredBefore = await deliveredTotal();

  // CRM users save while the allowance lasts; then it runs out for everyone, and every session ends.
  await makeChanges(crmChanges);
  await org.set({ dailyApiLimit: 1 });
  await org.expireSessions();
  await makeChanges(bankChanges);

  await sync.until('the bank changes to reach every bank while Salesforce deliveries wait', () => inBanksOnly(bankChanges), (count) => count === bankChanges.length, 60_000);
  await sleep(ALLOWANCE_PAUSE_SECONDS * 3000); // several Retry-After rounds while the allowance stays spent
  const waiting = (await target('salesforce')) as { outboxDepth: number; deadLetters: number; lastError: string | null } | undefined;
  expect(waiting).toMatchObject({ deadLetters: 0, lastError: expect.stringContaining('429') });
  expect(waiting?.outboxDepth).toBeGreaterThanOrEqual(bankChanges.length);
  expect(await inBanksOnly(bankChanges)).toBe(bankChanges.length);
  expect(await deadLetters()).toBe(0);

  // The allowance returns (a new day); sessions expire again while the backlog drains.
  await org.set({ dailyApiLimit: 15_000_000 });
  await sleep(1000);
  await org.expireSessions();
  await sync.until(`${changes.length} changes to reach every system`, () => notYetEverywhere(changes), (pending) => pending === 0, 90_000);

  for (const { customer } of changes) expect((await sync.customer(customer.customerKey)).version).toBe(customer.version + 1);
  const inCrm = await crmEmails(landscape.emulators.salesforce.url, picked.map(salesforceId));
  for (const { customer, email } of changes) expect(inCrm.get(id15(salesforceId(customer)))).toBe(email);
  const expectedDeliveries = changes.reduce((sum, { customer }) => sum + linkedSystems(customer).length - 1, 0);
  expect((await deliveredTotal()) - deliveredBefore).toBe(expectedDeliveries);
  const { selfWrites } = await feed.drain(cursor);
  expect(Object.fromEntries(selfWrites)).toEqual(Object.fromEntries(bankChanges.map(({ customer }) => [id15(salesforceId(customer)), 1])));
  expect(await deadLetters()).toBe(0);
  await converged();
});
