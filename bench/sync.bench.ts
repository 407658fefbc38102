/**
 * End-to-end sync benchmark: `npm run bench:sync`.
 *
 * On the whole landscape (four emulators seeded with the same people, four System APIs,
 * customer-sync; every one a real process on 127.0.0.1), for PGlite and then PostgreSQL
 * as customer-sync's store:
 *
 * 1. Throughput: BENCH_SYNC_BURST email changes written at once (32 in flight) directly
 *    in the backends, spread over the four systems; changes per second from the first
 *    write until every other linked system holds its change.
 * 2. Lag: BENCH_SYNC_RATE changes per second for BENCH_SYNC_SECONDS; each change timed
 *    from the moment its write returned until the last linked system confirmed it
 *    (customer-sync's per-system delivery time); p50 and p99.
 *
 * 3. Cost: CPU milliseconds per change of each process during the burst (from /proc),
 *    which says where the machine's two cores go.
 *
 * Nothing is assumed: at the end every changed record is read back from every linked
 * system through its System API (`lost` counts records that do not hold the new value),
 * and `duplicated` counts golden versions that moved more than once per change.
 * Prints a table and writes bench/results/sync.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backendWriters, createScratchDatabase, startLandscape, type BackendWriters, type Landscape } from '@strata/testing';
import { testServiceHeader } from '@strata/service-auth/testing';

const PEOPLE = Number(process.env['BENCH_SYNC_PEOPLE'] ?? 1000);
const BURST = Number(process.env['BENCH_SYNC_BURST'] ?? 500);
const RATE = Number(process.env['BENCH_SYNC_RATE'] ?? 50);
const SECONDS = Number(process.env['BENCH_SYNC_SECONDS'] ?? 10);
const STORES = (process.env['BENCH_SYNC_STORES'] ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
const POSTGRES_ADMIN = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SYSTEMS = ['salesforce', 'core-banking', 'card-platform', 'loan-mainframe'] as const;
type System = (typeof SYSTEMS)[number];

interface Golden {
  customerKey: string;
  email: string | null;
  version: number;
  identifiers: Record<System, string | null>;
}
interface Change {
  customer: Golden;
  system: System;
  email: string;
  writtenAt: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const linked = (c: Golden) => SYSTEMS.filter((s) => c.identifiers[s] !== null);

/** GET with a service token for `audience` (the landscape runs on the test secret). */
async function getJson<T>(url: string, audience = 'process-customer-sync'): Promise<T> {
  const res = await fetch(url, { headers: testServiceHeader(audience) });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  return (await res.json()) as T;
}

async function goldenRecords(sync: string): Promise<Golden[]> {
  const all: Golden[] = [];
  let after: string | null = null;
  do {
    const page: { items: Golden[]; nextCursor: string | null } = await getJson(`${sync}/v1/customers?limit=200${after ? `&after=${after}` : ''}`);
    all.push(...page.items);
    after = page.nextCursor;
  } while (after);
  return all;
}

/** CPU seconds (user + system) each landscape process has used so far; empty where /proc is not there. */
function cpuSeconds(landscape: Landscape): Record<string, number> {
  const apps: Record<string, { child: { pid?: number } }> = { 'process/customer-sync': landscape.sync };
  for (const [name, app] of Object.entries(landscape.systems)) apps[`system/${name}`] = app;
  for (const [name, app] of Object.entries(landscape.emulators)) apps[`emulator/${name}`] = app;
  const used: Record<string, number> = {};
  for (const [name, app] of Object.entries(apps)) {
    const stat = `/proc/${app.child.pid}/stat`;
    if (!app.child.pid || !existsSync(stat)) continue;
    const fields = readFileSync(stat, 'utf8').split(') ')[1]?.split(' ') ?? [];
    used[name] = (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
  }
  return used;
}

/** Waits until customer-sync has nothing queued and every feed is caught up, five checks in a row. */
async function settle(sync: string): Promise<void> {
  let calm = 0;
  while (calm < 5) {
    const h = await getJson<{ sources: { lagSeconds: number | null }[]; targets: { outboxDepth: number }[] }>(`${sync}/v1/status`);
    calm = h.targets.every((t) => t.outboxDepth === 0) && h.sources.every((s) => s.lagSeconds === 0) ? calm + 1 : 0;
    await sleep(1000);
  }
}

/** When the last linked system confirmed the change (ms since epoch), or null while any has not. */
async function confirmedAt(sync: string, change: Change): Promise<number | null> {
  const status = await getJson<{ version: number; systems: { system: System; state: string; deliveredVersion: number | null; updatedAt: string | null }[] }>(
    `${sync}/v1/customers/${change.customer.customerKey}/sync-status`,
  );
  if (status.version <= change.customer.version) return null;
  const others = status.systems.filter((s) => s.system !== change.system && s.state !== 'not-linked');
  if (others.some((s) => s.state !== 'in-sync' || (s.deliveredVersion ?? 0) < status.version)) return null;
  return Math.max(change.writtenAt, ...others.map((s) => Date.parse(s.updatedAt ?? '0')));
}

async function waitConfirmed(sync: string, changes: Change[], timeoutMs: number): Promise<Map<Change, number>> {
  const done = new Map<Change, number>();
  const deadline = Date.now() + timeoutMs;
  while (done.size < changes.length && Date.now() < deadline) {
    const pending = changes.filter((c) => !done.has(c));
    // Few requests in flight: the bench must not be what slows customer-sync down.
    for (let i = 0; i < pending.length; i += 8) {
      await Promise.all(
        pending.slice(i, i + 8).map(async (change) => {
          const at = await confirmedAt(sync, change);
          if (at !== null) done.set(change, at);
        }),
      );
    }
    if (done.size < changes.length) await sleep(1000);
  }
  return done;
}

async function write(writers: BackendWriters, changes: Change[]): Promise<void> {
  await Promise.all(
    changes.map(async (change) => {
      await writers.setEmail(change.system, change.customer.identifiers[change.system] as string, change.email);
      change.writtenAt = Date.now();
    }),
  );
}

/** Reads every changed record back from every linked system's System API. */
async function verify(landscape: Landscape, changes: Change[]): Promise<{ lost: number; duplicated: number }> {
  let lost = 0;
  let duplicated = 0;
  for (const change of changes) {
    const golden = await getJson<Golden>(`${landscape.sync.url}/v1/customers/${change.customer.customerKey}`);
    if (golden.version > change.customer.version + 1) duplicated += 1;
    for (const system of linked(change.customer)) {
      const record = await getJson<{ email: string | null }>(`${landscape.systems[system].url}/v1/customers/${change.customer.identifiers[system]}`, `system-${system}`).catch(() => ({ email: null }));
      if (record.email?.toLowerCase() !== change.email) lost += 1;
    }
  }
  return { lost, duplicated };
}

function plan(pool: Golden[], count: number, tag: string): Change[] {
  return pool.splice(0, count).map((customer, i) => {
    const systems = linked(customer);
    const system = systems.includes(SYSTEMS[i % 4] as System) ? (SYSTEMS[i % 4] as System) : (systems[0] as System);
    return { customer, system, email: `${tag}.${customer.customerKey.toLowerCase()}@bench.example`, writtenAt: 0 };
  });
}

async function runOn(store: 'pglite' | 'postgres') {
  const database = store === 'postgres' ? await createScratchDatabase('bench_sync', POSTGRES_ADMIN) : undefined;
  const syncEnv: Record<string, string> = database ? { DATABASE_URL: database.url } : {};
  console.log(`[${store}] starting the landscape with ${PEOPLE} people...`);
  const landscape = await startLandscape({ people: PEOPLE, syncEnv });
  try {
    const sync = landscape.sync.url;
    await settle(sync);
    const writers = await backendWriters({
      salesforce: landscape.emulators.salesforce.url,
      'core-banking': landscape.emulators['core-banking'].url,
      'card-platform': landscape.emulators['card-platform'].url,
      'loan-mainframe': landscape.emulators['loan-mainframe'].url,
    });
    const pool = (await goldenRecords(sync)).filter((c) => linked(c).length >= 2);

    console.log(`[${store}] burst of ${BURST} changes...`);
    const burst = plan(pool, BURST, `burst-${store}`);
    const cpuBefore = cpuSeconds(landscape);
    const started = Date.now();
    for (let i = 0; i < burst.length; i += 32) await write(writers, burst.slice(i, i + 32));
    const burstDone = await waitConfirmed(sync, burst, 300_000);
    const cpuAfter = cpuSeconds(landscape);
    // Where the machine's time goes per change (idle polling included): what to make cheaper.
    const cpuMsPerChange = Object.fromEntries(Object.keys(cpuAfter).map((name) => [name, Math.round((((cpuAfter[name] ?? 0) - (cpuBefore[name] ?? 0)) * 1000) / burst.length)]));
    const burstEnd = Math.max(...burstDone.values());
    const changesPerSecond = burstDone.size / ((burstEnd - started) / 1000);
    await settle(sync);

    console.log(`[${store}] ${RATE} changes/s for ${SECONDS} s...`);
    const paced = plan(pool, RATE * SECONDS, `paced-${store}`);
    const pacedStart = Date.now();
    await Promise.all(
      paced.map(async (change, i) => {
        await sleep(pacedStart + (i * 1000) / RATE - Date.now());
        await write(writers, [change]);
      }),
    );
    const pacedDone = await waitConfirmed(sync, paced, 300_000);
    const lags = paced.filter((c) => pacedDone.has(c)).map((c) => (pacedDone.get(c) as number) - c.writtenAt).sort((a, b) => a - b);
    await settle(sync);

    const checked = await verify(landscape, [...burst, ...paced]);
    return {
      store,
      people: PEOPLE,
      changesPerSecond: Math.round(changesPerSecond),
      burst: burst.length,
      burstConfirmed: burstDone.size,
      pacedRate: RATE,
      pacedChanges: paced.length,
      lagP50Ms: Math.round(percentile(lags, 50)),
      lagP99Ms: Math.round(percentile(lags, 99)),
      lost: checked.lost + (paced.length - pacedDone.size) + (burst.length - burstDone.size),
      duplicated: checked.duplicated,
      cpuMsPerChange,
    };
  } finally {
    await landscape.close();
    await database?.drop();
  }
}

async function main() {
  const results = [];
  for (const store of STORES) results.push(await runOn(store));
  console.table(results.map(({ cpuMsPerChange: _cpu, ...figures }) => figures));
  for (const r of results) {
    console.log(`[${r.store}] CPU ms per change during the burst, by process:`);
    console.table(r.cpuMsPerChange);
  }
  const targets = { changesPerSecond: '>= 200', lagP99Ms: '< 2000 at 50 changes/s' };
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  const pglite = results.find((r) => r.store === 'pglite') ?? results[0];
  writeFileSync(
    path.join(__dirname, 'results', 'sync.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), targets, ...pglite, byStore: results }, null, 2)}\n`,
  );
  console.log('wrote bench/results/sync.json');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
