/**
 * A closed-loop load driver: `concurrency` workers each keep one request in flight
 * for a fixed time, and every latency goes into a perf_hooks histogram (nanoseconds),
 * so percentiles come from all samples rather than from a sample of them.
 */
import { createHistogram, performance, type RecordableHistogram } from 'node:perf_hooks';

/** Timing of one run. */
export interface LoadConfig {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

/** What one measured run produced. */
export interface LoadRun {
  histogram: RecordableHistogram;
  requests: number;
  errors: number;
  elapsedMs: number;
}

async function drive(call: () => Promise<unknown>, concurrency: number, untilMs: number, histogram?: RecordableHistogram) {
  let requests = 0;
  let errors = 0;
  const worker = async () => {
    while (performance.now() < untilMs) {
      const started = process.hrtime.bigint();
      try {
        await call();
        requests += 1;
        histogram?.record(Number(process.hrtime.bigint() - started) || 1);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { requests, errors };
}

/** Warms up (unrecorded), then measures `call` for `durationMs`. */
export async function runLoad(call: () => Promise<unknown>, config: LoadConfig): Promise<LoadRun> {
  await drive(call, config.concurrency, performance.now() + config.warmupMs);
  const histogram = createHistogram();
  const started = performance.now();
  const { requests, errors } = await drive(call, config.concurrency, started + config.durationMs, histogram);
  return { histogram, requests, errors, elapsedMs: performance.now() - started };
}

/** Milliseconds at percentile `p` of a nanosecond histogram. */
export const percentileMs = (run: LoadRun, p: number) => run.histogram.percentile(p) / 1e6;
