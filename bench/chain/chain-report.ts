/**
 * Turns the chain benchmark's rounds into rows, per-hop overheads and verdicts. Every
 * figure is a median over rounds, and every comparison (per-hop overhead, the cost of
 * breaker and metrics) is taken within a round first, so drift between rounds on a
 * shared machine cancels out instead of deciding the result.
 */
import type { LoadResult } from './autocannon.runner';
import type { Variant } from './chain-topology';
import { median } from '../process-stats';

/** What one variant measured in one round: a throughput run, then one run per fixed rate. */
export interface RoundResult {
  throughput: LoadResult;
  /** CPU microseconds the variant's server processes spent per answered request in the throughput run. */
  cpuUsPerRequest: number;
  rates: Record<number, LoadResult>;
}

/** Latency at one fixed rate, medians over rounds. */
export interface RateFigures {
  achievedRps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  /** (this row's percentile - the raw backend's) / hops, per round, then the median. */
  perHop?: { p50Ms: number; p90Ms: number; p99Ms: number };
}

export interface ChainRow {
  key: Variant['key'];
  label: string;
  hops: number;
  requestsPerSec: number;
  roundsRequestsPerSec: number[];
  /** CPU per request of all its servers; unlike req/s it barely moves when other work shares the cores. */
  cpuUsPerRequest: number;
  /** (this row's CPU per request - the backend's) / hops. */
  cpuUsPerHop?: number;
  rates: Record<number, RateFigures>;
  failed: number;
}

/** The issue's targets for this 2-core machine. */
export const TARGETS = { chainRps: 3000, perHopP50Ms: 0.5, perHopP99Ms: 3, instrumentationCost: 0.05 } as const;

const failures = (r: LoadResult) => r.non2xx + r.errors + r.timeouts;
type Percentile = 'p50Ms' | 'p90Ms' | 'p99Ms';

function rateFigures(variant: Variant, rounds: RoundResult[], raw: RoundResult[], rate: number): RateFigures {
  const at = rounds.map((r) => r.rates[rate]!);
  const figures: RateFigures = {
    achievedRps: median(at.map((r) => r.requestsPerSec)),
    p50Ms: median(at.map((r) => r.p50Ms)),
    p90Ms: median(at.map((r) => r.p90Ms)),
    p99Ms: median(at.map((r) => r.p99Ms)),
  };
  if (variant.hops === 0) return figures;
  const perHop = (p: Percentile) => median(at.map((r, i) => (r[p] - raw[i]!.rates[rate]![p]) / variant.hops));
  return { ...figures, perHop: { p50Ms: perHop('p50Ms'), p90Ms: perHop('p90Ms'), p99Ms: perHop('p99Ms') } };
}

/** One row per variant, in the variants' order. */
export function summarize(variants: Variant[], runs: Map<Variant['key'], RoundResult[]>, rates: number[]): ChainRow[] {
  const raw = runs.get('raw') ?? [];
  return variants.map((variant) => {
    const rounds = runs.get(variant.key) ?? [];
    const perSec = rounds.map((r) => r.throughput.requestsPerSec);
    return {
      key: variant.key,
      label: variant.label,
      hops: variant.hops,
      requestsPerSec: median(perSec),
      roundsRequestsPerSec: perSec.map(Math.round),
      cpuUsPerRequest: median(rounds.map((r) => r.cpuUsPerRequest)),
      ...(variant.hops > 0 ? { cpuUsPerHop: median(rounds.map((r, i) => (r.cpuUsPerRequest - raw[i]!.cpuUsPerRequest) / variant.hops)) } : {}),
      rates: Object.fromEntries(rates.map((rate) => [rate, rateFigures(variant, rounds, raw, rate)])),
      failed: rounds.reduce((sum, r) => sum + failures(r.throughput) + Object.values(r.rates).reduce((s, x) => s + failures(x), 0), 0),
    };
  });
}

/** Share of the Strata chain's throughput that breaker and metrics cost, per round, median. */
export function instrumentationCost(runs: Map<Variant['key'], RoundResult[]>): number {
  const full = runs.get('strata') ?? [];
  const bare = runs.get('strataBare') ?? [];
  return median(full.map((r, i) => 1 - r.throughput.requestsPerSec / (bare[i]?.throughput.requestsPerSec ?? NaN)));
}

const fixed = (n: number | undefined, d = 2) => (n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(d));

export function printTable(rows: ChainRow[], rates: number[], connections: number): void {
  const rateHeads = rates.map((rate) => `p50/p90/p99 ms @${rate}/s`.padStart(26)).join('');
  const hopHead = `per hop p50/p99 @${rates[0]}`.padStart(24);
  console.log(`\n${'variant'.padEnd(36)}${`req/s @${connections}c`.padStart(12)}${'CPU µs/hop'.padStart(12)}${rateHeads}${hopHead}${'failed'.padStart(8)}`);
  for (const row of rows) {
    const latency = rates.map((rate) => {
      const f = row.rates[rate]!;
      const short = f.achievedRps < rate * 0.95 ? '*' : '';
      return `${short}${fixed(f.p50Ms)}/${fixed(f.p90Ms)}/${fixed(f.p99Ms)}`.padStart(26);
    });
    const first = row.rates[rates[0]!]!.perHop;
    const perHop = first ? `+${fixed(first.p50Ms)}/+${fixed(first.p99Ms)}` : '';
    console.log(`${row.label.padEnd(36)}${fixed(row.requestsPerSec, 0).padStart(12)}${fixed(row.cpuUsPerHop, 0).padStart(12)}${latency.join('')}${perHop.padStart(24)}${String(row.failed).padStart(8)}`);
  }
  console.log('* the rate was not reached (fewer than 95% of the requests were answered in time): these are closed-loop latencies at the rate connections, see achievedRps in the JSON');
}

/** The figures the issue names, and whether each target is met. */
export function verdicts(rows: ChainRow[], cost: number, rate: number) {
  // A row left out with BENCH_VARIANTS reads as NaN, which fails its check rather than passing it.
  const rps = (key: Variant['key']) => rows.find((r) => r.key === key)?.requestsPerSec ?? NaN;
  const perHop = rows.find((r) => r.key === 'strata')?.rates[rate]?.perHop;
  const figures = {
    rawRps: rps('raw'),
    oneHopRps: rps('oneHop'),
    chainRps: rps('strata'),
    chainBareRps: rps('strataBare'),
    baselineAxiosRps: rps('axios'),
    baselineUndiciRps: rps('undici'),
    perHopP50Ms: perHop?.p50Ms ?? NaN,
    perHopP90Ms: perHop?.p90Ms ?? NaN,
    perHopP99Ms: perHop?.p99Ms ?? NaN,
    instrumentationCost: cost,
  };
  const checks = [
    { target: `full chain >= ${TARGETS.chainRps} req/s`, value: fixed(figures.chainRps, 0), pass: figures.chainRps >= TARGETS.chainRps },
    { target: `per hop p50 <= ${TARGETS.perHopP50Ms} ms @${rate}/s`, value: fixed(figures.perHopP50Ms), pass: figures.perHopP50Ms <= TARGETS.perHopP50Ms },
    { target: `per hop p99 <= ${TARGETS.perHopP99Ms} ms @${rate}/s`, value: fixed(figures.perHopP99Ms), pass: figures.perHopP99Ms <= TARGETS.perHopP99Ms },
    {
      target: `breaker + metrics <= ${TARGETS.instrumentationCost * 100}% of throughput`,
      // Below zero the run's noise is larger than what it tries to measure: say so rather than pass.
      value: cost < 0 ? `${fixed(cost * 100, 1)}% (inconclusive: below this run's noise; see bench:breaker)` : `${fixed(cost * 100, 1)}%`,
      pass: cost >= 0 && cost <= TARGETS.instrumentationCost,
    },
  ];
  return { figures, checks };
}
