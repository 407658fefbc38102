/**
 * End-to-end sync benchmark: `npm run bench:sync`.
 *
 * On the whole landscape (four emulators seeded with the same people, four System APIs,
 * customer-sync; every one a real process on 127.0.0.1, with NODE_ENV=production as
 * deployed), for each store in BENCH_SYNC_STORES (`postgres`: customer-sync and every
 * System API on a PostgreSQL database of their own, as docker-compose runs them;
 * `pglite`: every store in-process, as `npm start` runs them):
 *
 * 1. Mixed (the customer-sync issue): BENCH_SYNC_BURST email changes written directly in
 *    the four backends, 32 in flight, changes per second from the first write until every
 *    other linked system holds its change; then BENCH_SYNC_RATE changes per second for
 *    BENCH_SYNC_SECONDS, each timed from its write until the last linked system
 *    confirmed it (p50, p99); CPU ms per change of every process (and PostgreSQL), and
 *    each process's CPU while idle.
 * 2. Salesforce to the banks (issue 8): BENCH_SYNC_SF_CHANGES changes made in Salesforce
 *    reach the three banks while one bank's backend is killed for BENCH_SYNC_OUTAGE_MS
 *    half way through; total time, changes per second, lag p50/p99.
 *
 * Nothing is assumed: at the end every changed record is read back from every linked
 * system through its System API (`lost` counts records that do not hold the new value),
 * and `duplicated` counts golden versions that moved more than once per change; the
 * deliveries customer-sync's targets did not accept (by kind) and its dead letters are
 * printed for the initial load and the whole run. Set
 * BENCH_PROFILE_DIR to write a V8 CPU profile of every process, and BENCH_SYNC_SETTINGS
 * (`NAME=value` pairs) to run customer-sync with other settings; BENCH_SYNC_EMULATOR_STORE=postgres
 * keeps the emulators' data on PostgreSQL too.
 * Prints a table and writes bench/results/sync.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backendWriters, createScratchDatabase, startLandscape, type ScratchDatabase } from '@strata/testing';
import { runMixed } from './sync/mixed.scenario';
import { runSalesforceToBanks } from './sync/salesforce-to-banks.scenario';
import { deliveryFailures, EMULATOR_DATABASE_PREFIX, goldenRecords, settle, SYSTEMS } from './sync/sync-probe';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const config = {
  people: env('BENCH_SYNC_PEOPLE', 1000),
  mixed: { burst: env('BENCH_SYNC_BURST', 500), rate: env('BENCH_SYNC_RATE', 50), seconds: env('BENCH_SYNC_SECONDS', 10), idleMs: env('BENCH_SYNC_IDLE_MS', 10_000) },
  salesforceToBanks: { changes: env('BENCH_SYNC_SF_CHANGES', 10_000), outageMs: env('BENCH_SYNC_OUTAGE_MS', 15_000), killedBank: 'core-banking' as const },
  stores: (process.env['BENCH_SYNC_STORES'] ?? 'postgres,pglite').split(',') as ('pglite' | 'postgres')[],
  scenarios: (process.env['BENCH_SYNC_SCENARIOS'] ?? 'mixed,salesforce-to-banks').split(','),
  /** A profiled run is slower: its figures say where time goes, not how fast the sync is. */
  profiled: Boolean(process.env['BENCH_PROFILE_DIR']),
  syncSettings: process.env['BENCH_SYNC_SETTINGS'] ?? '',
  /**
   * Where the emulated backends keep their data: `pglite` (default, as `npm start` runs
   * them) or `postgres`, with their server time reported apart as `postgresql (emulators)`.
   */
  emulatorStore: (process.env['BENCH_SYNC_EMULATOR_STORE'] ?? 'pglite') as 'pglite' | 'postgres',
};
const POSTGRES_ADMIN = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PROFILE_DIR = process.env['BENCH_PROFILE_DIR'];
const NODE_ARGS = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`] : [];
/** customer-sync settings to try (BENCH_SYNC_SETTINGS="OUTBOX_CONCURRENCY=64 ..."); the run's JSON records them. */
const SYNC_SETTINGS: Record<string, string> = Object.fromEntries(
  (process.env['BENCH_SYNC_SETTINGS'] ?? '').split(/\s+/).filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);
/** Every app as deployed: no response validation, production error bodies. */
const APP_ENV: Record<string, string> = { NODE_ENV: 'production' };

type StoreSetup = { databases: ScratchDatabase[]; syncEnv: Record<string, string>; systemEnv: Record<string, Record<string, string>>; emulatorEnv: Record<string, Record<string, string>> };

/** One scratch database per system, as `DATABASE_URL` settings by system name. */
async function databasesPerSystem(make: () => Promise<ScratchDatabase>) {
  const made = await Promise.all(SYSTEMS.map(async (system) => [system, await make()] as const));
  return { databases: made.map(([, db]) => db), env: Object.fromEntries(made.map(([system, db]) => [system, { DATABASE_URL: db.url }])) };
}

async function storesFor(store: 'pglite' | 'postgres'): Promise<StoreSetup> {
  const make = () => createScratchDatabase('bench_sync', POSTGRES_ADMIN);
  // Named apart, so the CPU of their server processes is reported apart (EMULATOR_DATABASE_PREFIX).
  const emulators = config.emulatorStore === 'postgres' ? await databasesPerSystem(() => createScratchDatabase(EMULATOR_DATABASE_PREFIX, POSTGRES_ADMIN)) : { databases: [], env: {} };
  if (store === 'pglite') return { databases: emulators.databases, syncEnv: {}, systemEnv: {}, emulatorEnv: emulators.env };
  const sync = await make();
  const systems = await databasesPerSystem(make);
  return {
    databases: [sync, ...systems.databases, ...emulators.databases],
    syncEnv: { DATABASE_URL: sync.url },
    systemEnv: systems.env,
    emulatorEnv: emulators.env,
  };
}

/** People enough for every scenario: each change is made on a person of its own. */
function peopleNeeded(): number {
  const mixed = config.scenarios.includes('mixed') ? config.mixed.burst + config.mixed.rate * config.mixed.seconds : 0;
  const crm = config.scenarios.includes('salesforce-to-banks') ? config.salesforceToBanks.changes : 0;
  // Not everyone is linked everywhere; leave room so each scenario finds its people.
  return Math.max(config.people, Math.ceil((mixed + crm) * 1.25));
}

async function runOn(store: 'pglite' | 'postgres') {
  const stores = await storesFor(store);
  const people = peopleNeeded();
  console.log(`[${store}] starting the landscape with ${people} people...`);
  const startedAt = Date.now();
  const landscape = await startLandscape({ people, syncEnv: { ...stores.syncEnv, ...SYNC_SETTINGS }, systemEnv: stores.systemEnv, emulatorEnv: stores.emulatorEnv, appEnv: APP_ENV, nodeArgs: NODE_ARGS });
  try {
    await settle(landscape.sync.url);
    const initialLoad = { seconds: Math.round((Date.now() - startedAt) / 1000), deliveryFailures: await deliveryFailures(landscape.sync.url) };
    console.log(`[${store}] initial load of ${people} people took ${initialLoad.seconds} s`);
    const writers = await backendWriters({
      salesforce: landscape.emulators.salesforce.url,
      'core-banking': landscape.emulators['core-banking'].url,
      'card-platform': landscape.emulators['card-platform'].url,
      'loan-mainframe': landscape.emulators['loan-mainframe'].url,
    });
    const pool = await goldenRecords(landscape.sync.url);
    const mixed = config.scenarios.includes('mixed') ? await runMixed(landscape, writers, pool, store, config.mixed) : undefined;
    if (mixed) await settle(landscape.sync.url);
    const salesforceToBanks = config.scenarios.includes('salesforce-to-banks') ? await runSalesforceToBanks(landscape, writers, pool, store, config.salesforceToBanks) : undefined;
    // The whole run's, initial load included: where dead letters would show.
    return { store, people, initialLoad, mixed, salesforceToBanks, deliveryFailures: await deliveryFailures(landscape.sync.url) };
  } finally {
    await landscape.close();
    await Promise.all(stores.databases.map((db) => db.drop()));
  }
}

/** A scenario's figures without its tables (CPU per process, lag per origin), which are printed on their own. */
function withoutCpu<T extends { cpuMsPerChange: unknown; idleCpuPercent?: unknown; lagByOrigin?: unknown; deliveriesPerRequest?: unknown }>(figures: T) {
  const { cpuMsPerChange: _cpu, idleCpuPercent: _idle, lagByOrigin: _lag, deliveriesPerRequest: _batching, ...rest } = figures;
  return rest;
}

function print(results: Awaited<ReturnType<typeof runOn>>[]): void {
  const mixed = results.filter((r) => r.mixed);
  if (mixed.length) {
    console.log('\nmixed: changes in all four backends (target >= 200 changes/s; lag p99 < 2 s at 50/s)');
    console.table(mixed.map(({ store, people, mixed: m }) => ({ store, people, ...withoutCpu(m!) })));
    for (const { store, mixed: m } of mixed) {
      console.log(`[${store}] CPU by process: ms per change during the burst, and % of one core while idle`);
      console.table(Object.fromEntries(Object.keys(m!.cpuMsPerChange).map((name) => [name, { msPerChange: m!.cpuMsPerChange[name], idlePercent: m!.idleCpuPercent[name] }])));
      console.log(`[${store}] paced lag by the backend the change was made in`);
      console.table(m!.lagByOrigin);
    }
  }
  for (const { store, initialLoad, deliveryFailures: failures } of results) {
    console.log(`[${store}] deliveries not accepted, by target and kind, and dead letters: initial load (${initialLoad.seconds} s), then whole run`);
    console.table(initialLoad.deliveryFailures);
    console.table(failures);
  }
  const crm = results.filter((r) => r.salesforceToBanks);
  if (crm.length) {
    console.log('\nsalesforce to banks (target: 10,000 changes in <= 60 s with a bank killed for 15 s, 0 lost, 0 duplicated)');
    console.table(crm.map(({ store, salesforceToBanks: s }) => ({ store, ...withoutCpu(s!) })));
    for (const { store, salesforceToBanks: s } of crm) {
      console.log(`[${store}] CPU ms per change, by process`);
      console.table(s!.cpuMsPerChange);
      console.log(`[${store}] deliveries per write request, by target (OUTBOX_BATCH_SIZE caps it)`);
      console.table(s!.deliveriesPerRequest);
    }
  }
}

async function main() {
  const results = [];
  for (const store of config.stores) results.push(await runOn(store));
  print(results);
  const targets = { mixedChangesPerSecond: '>= 200', mixedLagP99Ms: '< 2000 at 50 changes/s', salesforceToBanks: '10,000 changes in <= 60 s, a bank killed for 15 s, 0 lost, 0 duplicated' };
  const machine = { node: process.version, cores: os.availableParallelism(), cpu: os.cpus()[0]?.model, loadAverage: os.loadavg() };
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  writeFileSync(path.join(__dirname, 'results', 'sync.json'), `${JSON.stringify({ measuredAt: new Date().toISOString(), machine, config, targets, results }, null, 2)}\n`);
  console.log('wrote bench/results/sync.json');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
