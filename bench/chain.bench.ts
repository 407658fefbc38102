/**
 * Chain benchmark: `npm run bench:chain`. What a consumer feels is the whole chain, so
 * this measures it: experience -> process -> system -> a raw node:http backend, on a
 * read path (GET one small JSON record), every server in its own process and the load
 * (autocannon) in another, all on 127.0.0.1.
 *
 * Rows: the backend alone; one System API hop; the Strata chain as deployed
 * (service-kit apps, contract clients, service tokens, winston at info,
 * NODE_ENV=production); the same with breaker and metrics off; and the same topology
 * hand-built with express 5 + bare keep-alive axios and with express 5 + an undici
 * Pool, measured in the same run so the ratios hold on a noisy machine.
 *
 * Each round measures every row: throughput with BENCH_CONNECTIONS connections, then
 * latency at each fixed rate (autocannon `overallRate`). Rounds alternate the order of
 * the rows, and each figure is the median over rounds. Per-hop overhead at a rate is
 * (chain percentile - backend percentile) / hops. Prints a table and the verdict per
 * target, and writes bench/results/chain.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { instrumentationCost, printTable, summarize, TARGETS, verdicts, type RoundResult } from './chain/chain-report';
import { startTopology, type Variant } from './chain/chain-topology';
import { startLoadGenerator, type LoadGenerator } from './chain/load-generator';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const config = {
  connections: Number(env('BENCH_CONNECTIONS', '32')),
  rates: env('BENCH_RATES', '500,1000').split(',').map(Number),
  /** Connections the fixed-rate runs spread their rate over; see docs/performance.md. */
  rateConnections: Number(env('BENCH_RATE_CONNECTIONS', '2')),
  warmupSeconds: Number(env('BENCH_WARMUP_S', '1')),
  durationSeconds: Number(env('BENCH_DURATION_S', '3')),
  rounds: Number(env('BENCH_ROUNDS', '3')),
  record: '/v1/records/r-1',
  machine: env('BENCH_MACHINE_NOTE', ''),
};

async function measureRound(load: LoadGenerator, variant: Variant): Promise<RoundResult> {
  const base = { url: `${variant.url}${config.record}`, durationSeconds: config.durationSeconds };
  const cpu = () => variant.processes.reduce((sum, child) => sum + child.cpuSeconds(), 0);
  const throughputRun = { ...base, headers: variant.headers(), connections: config.connections, warmupSeconds: 0 };
  await load.run({ ...throughputRun, durationSeconds: config.warmupSeconds });
  const cpuBefore = cpu();
  const throughput = await load.run(throughputRun);
  const cpuUsPerRequest = ((cpu() - cpuBefore) / throughput.ok) * 1e6;
  const rates: Record<number, RoundResult['throughput']> = {};
  for (const rate of config.rates) {
    rates[rate] = await load.run({ ...base, headers: variant.headers(), connections: config.rateConnections, warmupSeconds: 0, overallRate: rate });
  }
  return { throughput, cpuUsPerRequest, rates };
}

function writeResults(result: object): void {
  const out = path.join(__dirname, 'results', 'chain.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const cpuProfileDir = process.env['BENCH_CPU_PROF'];
  const topology = await startTopology({ cpuProfileDir });
  const load = await startLoadGenerator();
  const cpu = os.cpus()[0]?.model;
  console.log(`node ${process.version}, ${os.availableParallelism()} cores (${cpu}), ${config.rounds} rounds; throughput at ${config.connections} connections, latency at ${config.rates.join(' and ')} req/s over ${config.rateConnections} connections; ${config.warmupSeconds} s warm-up + ${config.durationSeconds} s per run`);
  const only = process.env['BENCH_VARIANTS']?.split(',');
  const variants = topology.variants.filter((v) => !only || only.includes(v.key) || v.key === 'raw');
  const runs = new Map<Variant['key'], RoundResult[]>();
  try {
    for (let round = 0; round < config.rounds; round++) {
      for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
        const result = await measureRound(load, variant);
        runs.set(variant.key, [...(runs.get(variant.key) ?? []), result]);
        console.log(`  round ${round + 1}: ${variant.label.padEnd(36)} ${result.throughput.requestsPerSec.toFixed(0).padStart(6)} req/s`);
      }
    }
  } finally {
    await load.stop();
    await topology.stop();
  }
  const rows = summarize(variants, runs, config.rates);
  printTable(rows, config.rates, config.connections);
  const cost = instrumentationCost(runs);
  const { figures, checks } = verdicts(rows, cost, config.rates[0]!);
  console.log(`\nundici chain / axios chain: ${(figures.baselineUndiciRps / figures.baselineAxiosRps).toFixed(2)}x; Strata chain / undici chain: ${(figures.chainRps / figures.baselineUndiciRps).toFixed(2)}x; Strata chain / axios chain: ${(figures.chainRps / figures.baselineAxiosRps).toFixed(2)}x`);
  for (const check of checks) console.log(`${check.pass ? 'meets ' : 'MISSES'} ${check.target}: ${check.value}`);
  writeResults({
    date: new Date().toISOString(),
    node: process.version,
    cores: os.availableParallelism(),
    cpu,
    machine: config.machine || undefined,
    config: { ...config, variants: variants.map((v) => v.key), hops: 3, payload: 'one small JSON record (bench-server.ts)' },
    ...figures,
    targets: TARGETS,
    checks,
    rows,
    seconds: Math.round((Date.now() - started) / 1000),
  });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
