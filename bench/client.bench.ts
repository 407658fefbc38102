/**
 * Client overhead benchmark: `npm run bench:client`.
 *
 * A keep-alive JSON upstream runs in a child process; this process drives each variant
 * with a fixed number of requests in flight and compares the http-client (both
 * transports) with bare keep-alive axios and a bare undici Pool. Rounds alternate the
 * variant order so drift (CPU boost, other load) does not favour one variant, and each
 * figure is the median over rounds, so one round disturbed by another process on the
 * machine does not decide it. Prints a table and writes bench/results/client.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { Pool } from 'undici';
import { createLogger } from '@strata/logging';
import { createContractClient, createHttpClient, DEFAULT_OPTIONS, type HttpClient } from '@strata/http-client';
import { defineContract } from '@strata/contract-kit';
import { z } from 'zod';
import { startBenchChild } from './bench-child';
import { median } from './process-stats';
import { percentileMs, runLoad, type LoadConfig, type LoadRun } from './load-driver';

const config: LoadConfig & { rounds: number } = {
  concurrency: Number(process.env['BENCH_CONCURRENCY'] ?? 32),
  warmupMs: Number(process.env['BENCH_WARMUP_MS'] ?? 1000),
  durationMs: Number(process.env['BENCH_DURATION_MS'] ?? 5000),
  rounds: Number(process.env['BENCH_ROUNDS'] ?? 3),
};
const PATH = '/v1/greetings/g-1';

const contract = defineContract(
  { name: 'bench-greetings', title: 'Bench', version: '1' },
  {
    getGreeting: {
      method: 'get',
      path: '/v1/greetings/:id',
      summary: 'Read one greeting',
      params: z.object({ id: z.string() }),
      responses: { 200: z.object({ id: z.string(), text: z.string(), language: z.enum(['en', 'nl']) }) },
    },
  },
);

interface Variant {
  key: string;
  label: string;
  call: () => Promise<unknown>;
}

function buildVariants(url: string, clients: HttpClient[]): Variant[] {
  const logger = createLogger({ service: 'bench', silent: true });
  const bareAxios = axios.create({ baseURL: url, httpAgent: new http.Agent({ keepAlive: true }) });
  // Same as (a) but without follow-redirects, which the http-client also turns off: isolates the wrapper's cost.
  const bareAxiosNoRedirects = axios.create({ baseURL: url, httpAgent: new http.Agent({ keepAlive: true }), maxRedirects: 0 });
  const pool = new Pool(url);
  const make = (transport: 'axios-http' | 'undici') => {
    const client = createHttpClient({ name: `bench-${transport}`, baseUrl: url, transport, logger });
    clients.push(client);
    return client;
  };
  const viaAxiosHttp = make('axios-http');
  const viaUndici = make('undici');
  const typed = createContractClient(contract, { client: make('undici') });
  return [
    { key: 'bare-axios', label: '(a) bare axios, keep-alive agent', call: () => bareAxios.get(PATH) },
    { key: 'bare-axios-no-redirects', label: "(a') bare axios, keep-alive, maxRedirects 0", call: () => bareAxiosNoRedirects.get(PATH) },
    { key: 'client-axios-http', label: '(b) http-client, axios http adapter', call: () => viaAxiosHttp.request({ method: 'GET', path: PATH }) },
    { key: 'client-undici', label: '(c) http-client, undici adapter', call: () => viaUndici.request({ method: 'GET', path: PATH }) },
    { key: 'bare-undici', label: '(d) bare undici Pool (reference)', call: async () => (await pool.request({ method: 'GET', path: PATH })).body.json() },
    { key: 'typed-undici', label: '(e) typed contract client, undici, validating', call: () => typed.getGreeting({ params: { id: 'g-1' } }) },
  ];
}

/** Per variant: the median over rounds of req/s, p50 and p99, so one disturbed round cannot decide the result. */
function summarize(variants: Variant[], runs: Map<string, LoadRun[]>) {
  const rows = variants.map((v) => {
    const rounds = runs.get(v.key) ?? [];
    const perSec = rounds.map((run) => (run.requests / run.elapsedMs) * 1000);
    return {
      key: v.key,
      label: v.label,
      requestsPerSec: median(perSec),
      p50Ms: median(rounds.map((run) => percentileMs(run, 50))),
      p99Ms: median(rounds.map((run) => percentileMs(run, 99))),
      roundsRequestsPerSec: perSec.map(Math.round),
      requests: rounds.reduce((sum, run) => sum + run.requests, 0),
      errors: rounds.reduce((sum, run) => sum + run.errors, 0),
    };
  });
  const base = rows[0]!;
  return rows.map((r) => ({ ...r, throughputVsBareAxios: r.requestsPerSec / base.requestsPerSec, p99AddedMs: r.p99Ms - base.p99Ms }));
}

function printTable(rows: ReturnType<typeof summarize>): void {
  const fixed = (n: number, d = 2) => n.toFixed(d);
  console.log(`\n${'variant'.padEnd(48)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'vs axios'.padStart(10)}${'p99 added'.padStart(11)}${'errors'.padStart(8)}`);
  for (const r of rows) {
    const ratio = `${fixed(r.throughputVsBareAxios * 100, 1)}%`;
    const added = `${r.p99AddedMs >= 0 ? '+' : ''}${fixed(r.p99AddedMs)}`;
    console.log(`${r.label.padEnd(48)}${fixed(r.requestsPerSec, 0).padStart(9)}${fixed(r.p50Ms).padStart(9)}${fixed(r.p99Ms).padStart(9)}${ratio.padStart(10)}${added.padStart(11)}${String(r.errors).padStart(8)}`);
  }
}

async function main(): Promise<void> {
  const upstream = await startBenchChild('bench-server.ts');
  const clients: HttpClient[] = [];
  const variants = buildVariants(upstream.url, clients);
  const runs = new Map<string, LoadRun[]>();
  console.log(`node ${process.version}, ${os.availableParallelism()} cores, ${config.concurrency} in flight, ${config.rounds} rounds of ${config.warmupMs} ms warm-up + ${config.durationMs} ms per variant`);
  // Untimed warm-up of every variant first, so JIT state does not favour the ones measured last.
  for (const variant of variants) await runLoad(variant.call, { ...config, warmupMs: 0, durationMs: config.warmupMs });
  for (let round = 0; round < config.rounds; round++) {
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) {
      const run = await runLoad(variant.call, config);
      console.log(`  round ${round + 1}: ${variant.label.padEnd(48)} ${((run.requests / run.elapsedMs) * 1000).toFixed(0)} req/s`);
      runs.set(variant.key, [...(runs.get(variant.key) ?? []), run]);
    }
  }
  const rows = summarize(variants, runs);
  printTable(rows);
  const chosen = rows.find((r) => r.key === `client-${DEFAULT_OPTIONS.transport}`)!;
  const verdict = { defaultTransport: DEFAULT_OPTIONS.transport, throughputTarget: 0.9, p99AddedTargetMs: 1, pass: chosen.throughputVsBareAxios >= 0.9 && chosen.p99AddedMs < 1 };
  console.log(`\ndefault transport ${verdict.defaultTransport}: ${verdict.pass ? 'meets' : 'MISSES'} the target (>= 90% of bare axios throughput, < 1 ms p99 added)`);
  const out = path.join(__dirname, 'results', 'client.json');
  mkdirSync(path.dirname(out), { recursive: true });
  const cpus = os.cpus();
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: os.availableParallelism(), cpu: cpus[0]?.model, config: { ...config, payloadBytes: upstream.ready['payloadBytes'], path: PATH }, results: rows, verdict }, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
  await Promise.all(clients.map((c) => c.shutdown()));
  await upstream.stop();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
