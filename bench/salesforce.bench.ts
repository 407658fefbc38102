/**
 * Salesforce benchmark: `npm run bench:salesforce`.
 *
 * 1. Emulator query throughput: 10,000 contacts read through jsforce's paged query
 *    (pages of 2,000 via queryMore), records per second, median of 5 runs.
 * 2. CDC latency: 1,000 writes made with jsforce directly in the emulator, each timed
 *    from the moment the write returned until the change is readable in the System
 *    API's change feed (`GET /v1/changes`, long polling), p50 and p99.
 * Both apps run as their own processes on 127.0.0.1. Prints a table and writes
 * bench/results/salesforce.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from 'jsforce';
import { startAppProcess, type AppProcess } from '@strata/testing';
import { testServiceHeader } from '@strata/service-auth/testing';

const RECORDS = Number(process.env['BENCH_RECORDS'] ?? 10_000);
const CHANGES = Number(process.env['BENCH_CHANGES'] ?? 1_000);
const RATE_PER_SECOND = Number(process.env['BENCH_CHANGE_RATE'] ?? 50);
const QUERY_RUNS = 5;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const round = (n: number) => Math.round(n * 100) / 100;

async function login(url: string): Promise<Connection> {
  const conn = new Connection({ oauth2: { loginUrl: url, clientId: 'strata-local-client', clientSecret: 'strata-local-secret' }, version: '58.0', maxRequest: 50 });
  await conn.login('integration@strata.local', 'strata-local-password');
  return conn;
}

async function queryThroughput(conn: Connection) {
  for (let start = 0; start < RECORDS; start += 200) {
    const batch = Array.from({ length: Math.min(200, RECORDS - start) }, (_v, i) => ({ LastName: `Bench${start + i}`, Email: `bench${start + i}@example.org`, Title: 'Bench' }));
    await conn.sobject('Contact').create(batch, { allOrNone: true });
  }
  const rates: number[] = [];
  for (let run = 0; run < QUERY_RUNS; run += 1) {
    const started = performance.now();
    const result = await conn.query("SELECT Id, FirstName, LastName, Email FROM Contact WHERE Title = 'Bench'", { autoFetch: true, maxFetch: RECORDS * 2 });
    const seconds = (performance.now() - started) / 1000;
    if (result.records.length !== RECORDS) throw new Error(`expected ${RECORDS} records, got ${result.records.length}`);
    rates.push(RECORDS / seconds);
  }
  return rates.sort((a, b) => a - b)[Math.floor(QUERY_RUNS / 2)] as number;
}

/**
 * Reads the feed until it holds the change for `lastId`: the System API first catches
 * up on the org's retained history (10,000 creates here), and measuring before it has
 * would time the backlog, not the latency.
 */
async function feedHead(systemUrl: string, lastId: string): Promise<string | undefined> {
  let after: string | undefined;
  for (;;) {
    const page = (await (await fetch(`${systemUrl}/v1/changes?limit=1000&waitMs=2000${after ? `&after=${after}` : ''}`, { headers: testServiceHeader('system-salesforce') })).json()) as { changes: { entityId: string }[]; nextCursor: string };
    after = page.nextCursor;
    if (page.changes.some((c) => c.entityId === lastId)) return after;
  }
}

async function cdcLatency(conn: Connection, systemUrl: string) {
  const created = (await conn.sobject('Contact').create(Array.from({ length: 200 }, (_v, i) => ({ LastName: `Cdc${i}` })), { allOrNone: true })) as { id: string }[];
  let after = await feedHead(systemUrl, (created.at(-1) as { id: string }).id);
  const writtenAt = new Map<string, number>();
  const latencies: number[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const page = (await (await fetch(`${systemUrl}/v1/changes?limit=1000&waitMs=2000${after ? `&after=${after}` : ''}`, { headers: testServiceHeader('system-salesforce') })).json()) as { changes: { entityId: string; data: { lastName: string } | null }[]; nextCursor: string };
      const now = performance.now();
      for (const change of page.changes) {
        const marker = change.data?.lastName ?? '';
        const at = writtenAt.get(marker);
        if (at !== undefined) {
          latencies.push(now - at);
          if (process.env['BENCH_TRACE']) console.log(marker, Math.round(now - at));
          writtenAt.delete(marker);
        }
      }
      after = page.nextCursor;
    }
  })();
  const interval = 1000 / RATE_PER_SECOND;
  const started = performance.now();
  for (let i = 0; i < CHANGES; i += 1) {
    const target = started + i * interval;
    const wait = target - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const marker = `Cdc-change-${i}`;
    const record = created[i % created.length] as { id: string };
    await conn.sobject('Contact').update({ Id: record.id, LastName: marker });
    writtenAt.set(marker, performance.now());
  }
  const deadline = Date.now() + 15_000;
  while (writtenAt.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  polling = false;
  await poller;
  const sorted = latencies.sort((a, b) => a - b);
  return { received: sorted.length, missing: writtenAt.size, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)) };
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-sf-'));
  const apps: AppProcess[] = [];
  try {
    const emulator = await startAppProcess('apps/emulators/salesforce', { DATA_DIR: path.join(dir, 'emulator') }, { timeoutMs: 60_000 });
    apps.push(emulator);
    const conn = await login(emulator.url);
    const recordsPerSecond = await queryThroughput(conn);
    const system = await startAppProcess('apps/system/salesforce', { SALESFORCE_LOGIN_URL: emulator.url, DATA_DIR: path.join(dir, 'system') }, { timeoutMs: 60_000 });
    apps.push(system);
    const cdc = await cdcLatency(conn, system.url);
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      cores: os.availableParallelism(),
      config: { records: RECORDS, queryRuns: QUERY_RUNS, changes: CHANGES, changeRatePerSecond: RATE_PER_SECOND },
      queryRecordsPerSecond: Math.round(recordsPerSecond),
      cdc,
      targets: { cdcP99Ms: 250 },
    };
    console.table({
      'query (records/s, 10,000 paged)': { value: result.queryRecordsPerSecond },
      'CDC write -> change feed p50 (ms)': { value: cdc.p50Ms },
      'CDC write -> change feed p99 (ms)': { value: cdc.p99Ms, target: '< 250' },
      'changes received / missing': { value: `${cdc.received} / ${cdc.missing}` },
    });
    mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    writeFileSync(path.join(__dirname, 'results/salesforce.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    for (const app of apps.reverse()) await app.stop('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
