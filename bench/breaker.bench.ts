/**
 * Breaker benchmark: `npm run bench:breaker`.
 *
 * 1. Cost per call: the http-client (breaker, metrics, retries, timeouts, error
 *    mapping) against a direct undici Pool call to the same keep-alive upstream
 *    (bench-server.ts, its own process), and the http-client with breaker and metrics
 *    off, which separates their share from the rest of the client. Closed loop with
 *    BENCH_CONCURRENCY calls in flight (load-driver.ts); calls/s and CPU µs per call
 *    of this process. Rounds alternate the order; figures are medians over rounds.
 * 2. Fail-fast: with the breaker open (an upstream that refused five calls in a row),
 *    how long a call takes to fail, one call at a time: p50 and p99 in µs.
 *
 * Prints a table and writes bench/results/breaker.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createHistogram } from 'node:perf_hooks';
import { Pool } from 'undici';
import { createHttpClient, type HttpClient } from '@strata/http-client';
import { createLogger } from '@strata/logging';
import { startBenchChild } from './bench-child';
import { median } from './process-stats';
import { percentileMs, runLoad } from './load-driver';

const config = {
  concurrency: Number(process.env['BENCH_CONCURRENCY'] ?? 32),
  warmupMs: Number(process.env['BENCH_WARMUP_MS'] ?? 1000),
  durationMs: Number(process.env['BENCH_DURATION_MS'] ?? 3000),
  rounds: Number(process.env['BENCH_ROUNDS'] ?? 3),
  failFastCalls: Number(process.env['BENCH_FAIL_FAST_CALLS'] ?? 20_000),
  path: '/v1/records/r-1',
};
const logger = createLogger({ service: 'bench-breaker', silent: true });

interface Variant {
  key: 'direct' | 'client' | 'clientBare';
  label: string;
  call: () => Promise<unknown>;
}

/** A port nothing listens on: every connection to it is refused at once. */
async function refusingPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function measureCosts(variants: Variant[]) {
  const runs = new Map<Variant['key'], Array<{ callsPerSec: number; cpuUsPerCall: number; p50Ms: number; p99Ms: number }>>();
  for (const variant of variants) await runLoad(variant.call, { ...config, warmupMs: 0, durationMs: config.warmupMs });
  for (let round = 0; round < config.rounds; round++) {
    for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
      const cpu = process.cpuUsage();
      const run = await runLoad(variant.call, { ...config, warmupMs: 0 });
      const used = process.cpuUsage(cpu);
      const result = { callsPerSec: (run.requests / run.elapsedMs) * 1000, cpuUsPerCall: (used.user + used.system) / run.requests, p50Ms: percentileMs(run, 50), p99Ms: percentileMs(run, 99) };
      runs.set(variant.key, [...(runs.get(variant.key) ?? []), result]);
      console.log(`  round ${round + 1}: ${variant.label.padEnd(44)} ${result.callsPerSec.toFixed(0).padStart(6)} calls/s ${result.cpuUsPerCall.toFixed(1).padStart(7)} CPU µs/call`);
    }
  }
  const direct = runs.get('direct') ?? [];
  return variants.map((v) => {
    const rounds = runs.get(v.key) ?? [];
    return {
      key: v.key,
      label: v.label,
      callsPerSec: median(rounds.map((r) => r.callsPerSec)),
      cpuUsPerCall: median(rounds.map((r) => r.cpuUsPerCall)),
      /** CPU per call above the direct call in the same round. */
      addedCpuUsPerCall: median(rounds.map((r, i) => r.cpuUsPerCall - direct[i]!.cpuUsPerCall)),
      /** Wall time per call above the direct call at this concurrency (1/throughput), same round. */
      addedWallUsPerCall: median(rounds.map((r, i) => 1e6 / r.callsPerSec - 1e6 / direct[i]!.callsPerSec)),
      p50Ms: median(rounds.map((r) => r.p50Ms)),
      p99Ms: median(rounds.map((r) => r.p99Ms)),
    };
  });
}

/** Opens a breaker on a refused upstream, then times calls that fail fast, one at a time. */
async function measureFailFast() {
  const port = await refusingPort();
  const client = createHttpClient({ name: 'bench-refused', baseUrl: `http://127.0.0.1:${port}`, retry: false, resetTimeoutMs: 600_000, logger });
  for (let i = 0; i < 5; i++) await client.request({ method: 'GET', path: config.path }).catch(() => undefined);
  if (client.snapshot().state !== 'open') throw new Error(`breaker did not open: ${client.snapshot().state}`);
  const histogram = createHistogram();
  let reasons = new Set<string>();
  for (let i = 0; i < config.failFastCalls; i++) {
    const started = process.hrtime.bigint();
    const error = await client.request({ method: 'GET', path: config.path }).then(() => undefined, (e: { reason?: string }) => e);
    histogram.record(Number(process.hrtime.bigint() - started) || 1);
    reasons = reasons.add(error?.reason ?? 'answered');
  }
  const stillOpen = client.snapshot().state === 'open';
  await client.shutdown();
  return { calls: config.failFastCalls, p50Us: histogram.percentile(50) / 1e3, p99Us: histogram.percentile(99) / 1e3, reasons: [...reasons], stillOpen };
}

async function main(): Promise<void> {
  const upstream = await startBenchChild('bench-server.ts');
  const pool = new Pool(upstream.url);
  const clients: HttpClient[] = [
    createHttpClient({ name: 'bench-upstream', baseUrl: upstream.url, logger }),
    createHttpClient({ name: 'bench-upstream-bare', baseUrl: upstream.url, logger, breakerAndMetrics: false }),
  ];
  const variants: Variant[] = [
    { key: 'direct', label: 'direct undici Pool call', call: async () => (await pool.request({ method: 'GET', path: config.path })).body.json() },
    { key: 'client', label: 'http-client (breaker, metrics, retries)', call: () => clients[0]!.request({ method: 'GET', path: config.path }) },
    { key: 'clientBare', label: 'http-client, breaker and metrics off', call: () => clients[1]!.request({ method: 'GET', path: config.path }) },
  ];
  console.log(`node ${process.version}, ${os.availableParallelism()} cores, ${config.concurrency} in flight, ${config.rounds} rounds of ${config.durationMs} ms`);
  try {
    const rows = await measureCosts(variants);
    const failFast = await measureFailFast();
    console.log(`\n${'variant'.padEnd(44)}${'calls/s'.padStart(9)}${'CPU µs'.padStart(9)}${'+CPU µs'.padStart(9)}${'+wall µs'.padStart(10)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}`);
    for (const r of rows) {
      console.log(`${r.label.padEnd(44)}${r.callsPerSec.toFixed(0).padStart(9)}${r.cpuUsPerCall.toFixed(1).padStart(9)}${r.addedCpuUsPerCall.toFixed(1).padStart(9)}${r.addedWallUsPerCall.toFixed(1).padStart(10)}${r.p50Ms.toFixed(2).padStart(8)}${r.p99Ms.toFixed(2).padStart(8)}`);
    }
    const client = rows.find((r) => r.key === 'client')!;
    const bare = rows.find((r) => r.key === 'clientBare')!;
    const breakerAndMetricsUs = client.cpuUsPerCall - bare.cpuUsPerCall;
    console.log(`\nbreaker + metrics: ${breakerAndMetricsUs.toFixed(1)} CPU µs per call`);
    console.log(`fail-fast with the breaker open: p50 ${failFast.p50Us.toFixed(1)} µs, p99 ${failFast.p99Us.toFixed(1)} µs over ${failFast.calls} calls (${failFast.reasons.join(', ')}; still open: ${failFast.stillOpen})`);
    const out = path.join(__dirname, 'results', 'breaker.json');
    mkdirSync(path.dirname(out), { recursive: true });
    const result = { date: new Date().toISOString(), node: process.version, cores: os.availableParallelism(), cpu: os.cpus()[0]?.model, config, rows, breakerAndMetricsCpuUsPerCall: breakerAndMetricsUs, failFast };
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
  } finally {
    await Promise.all(clients.map((c) => c.shutdown()));
    await pool.close();
    await upstream.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
