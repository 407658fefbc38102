/**
 * Two customer-sync replicas on one PostgreSQL, over the real landscape (200 people):
 * each source feed and each outbox target is worked by the replica holding its lease;
 * kill that replica with kill -9 and the other takes over within seconds, losing and
 * repeating nothing.
 */
import type { CanonicalCustomer, SyncedSystem } from '@strata/contracts-process-customer-sync';
import { backendWriters, createScratchDatabase, startLandscape, type AppProcess, type Landscape, type ScratchDatabase } from '@strata/testing';
import { isConverged, syncClient, type SyncHealth } from './sync-client';
import { testServiceHeader } from '@strata/service-auth/testing';

const SYSTEMS: SyncedSystem[] = ['salesforce', 'core-banking', 'card-platform', 'loan-mainframe'];

jest.setTimeout(600_000);

let landscape: Landscape;
let second: AppProcess;
let database: ScratchDatabase;

const health = async (replica: AppProcess) => (await fetch(`${replica.url}/v1/status`, { headers: testServiceHeader('process-customer-sync') })).json() as Promise<SyncHealth>;
const consumes = (h: SyncHealth, system: SyncedSystem) => h.sources.find((s) => s.system === system)?.consuming === true;

beforeAll(async () => {
  database = await createScratchDatabase('e2e_sync_replicas');
  landscape = await startLandscape({ people: 200, syncEnv: { DATABASE_URL: database.url } });
  second = await landscape.startSyncReplica();
}, 300_000);

afterAll(async () => {
  await landscape?.close();
  await database?.drop();
});

it('shares the feeds between two replicas, and when the one consuming Salesforce is killed the other takes over within 10 s, losing and repeating nothing', async () => {
  const first = landscape.sync;
  const viaSecond = syncClient(() => second.url);
  await viaSecond.until('the replicas to converge', async () => ({ report: await viaSecond.reconcile(), reviews: await viaSecond.openReviewsBySystem() }), ({ report, reviews }) => isConverged(report, reviews), 240_000);

  const [a, b] = await Promise.all([health(first), health(second)]);
  for (const system of SYSTEMS) expect([consumes(a, system), consumes(b, system)].filter(Boolean)).toHaveLength(1);
  const [holder, survivor] = consumes(a, 'salesforce') ? [first, second] : [second, first];

  const customers = (await viaSecond.customers()).filter((c) => c.identifiers.salesforce !== null && c.identifiers['core-banking'] !== null).slice(0, 30);
  const writers = await backendWriters({
    salesforce: landscape.emulators.salesforce.url,
    'core-banking': landscape.emulators['core-banking'].url,
    'card-platform': landscape.emulators['card-platform'].url,
    'loan-mainframe': landscape.emulators['loan-mainframe'].url,
  });
  const email = (c: CanonicalCustomer) => `e2e.${c.customerKey.toLowerCase()}@replicas.example`;

  await holder.stop('SIGKILL');
  const killedAt = Date.now();
  await Promise.all(customers.map((c) => writers.setEmail('salesforce', c.identifiers.salesforce as string, email(c))));
  const taken = await syncClient(() => survivor.url).until('the survivor to consume every feed', () => health(survivor), (h) => SYSTEMS.every((s) => consumes(h, s)), 30_000);
  expect(Date.now() - killedAt).toBeLessThan(10_000);
  expect(taken.sources.every((s) => s.consuming)).toBe(true);

  const via = syncClient(() => survivor.url);
  for (const c of customers) {
    const now = await via.until(`${c.customerKey} to take the new email`, () => via.customer(c.customerKey), (g) => g.email === email(c), 120_000);
    expect(now.version).toBe(c.version + 1);
  }
  await via.until('a reconciliation that finds every system in step', async () => ({ report: await via.reconcile(), reviews: await via.openReviewsBySystem() }), ({ report, reviews }) => isConverged(report, reviews), 240_000);
});
