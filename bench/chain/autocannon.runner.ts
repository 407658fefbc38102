/**
 * The load generator, in its own process so it never shares a core's event loop with
 * a server under test: receives a {@link LoadJob} over IPC, runs autocannon (an
 * untimed warm-up first), and answers a {@link LoadResult}.
 *
 * Latency is recorded from autocannon's own per-response hrtime duration into a
 * nanosecond histogram: autocannon's histogram keeps whole milliseconds, too coarse
 * for a per-hop overhead of a fraction of one. Its coordinated-omission correction is
 * off because with a rate it assumes a 1 ms interval whatever the rate, which would
 * invent samples.
 */
import { createHistogram } from 'node:perf_hooks';
import autocannon from 'autocannon';

/** One load run. */
export interface LoadJob {
  id: number;
  url: string;
  headers: Record<string, string>;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Requests per second over all connections; omitted for a throughput run. */
  overallRate?: number;
}

/** What one load run measured (2xx answers only count as requests). */
export interface LoadResult {
  requestsPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface ResponseEmitter {
  on(event: 'response', listener: (status: number, bytes: number, durationMs: number) => void): void;
}

function run(job: LoadJob, seconds: number, record?: (durationMs: number) => void) {
  return autocannon({
    url: job.url,
    headers: job.headers,
    connections: job.connections,
    duration: seconds,
    ...(job.overallRate ? { overallRate: job.overallRate, ignoreCoordinatedOmission: true } : {}),
    setupClient: (client: unknown) => {
      if (!record) return;
      (client as ResponseEmitter).on('response', (status, _bytes, durationMs) => {
        if (status >= 200 && status < 300) record(durationMs);
      });
    },
  });
}

async function measure(job: LoadJob): Promise<LoadResult> {
  if (job.warmupSeconds > 0) await run(job, job.warmupSeconds);
  const histogram = createHistogram();
  const result = await run(job, job.durationSeconds, (ms) => histogram.record(Math.max(1, Math.round(ms * 1e6))));
  const ms = (p: number) => (histogram.count > 0 ? histogram.percentile(p) / 1e6 : NaN);
  return {
    requestsPerSec: result['2xx'] / result.duration,
    p50Ms: ms(50),
    p90Ms: ms(90),
    p99Ms: ms(99),
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

process.on('message', (job: LoadJob) => {
  void measure(job).then(
    (result) => process.send?.({ id: job.id, result }),
    (error: unknown) => process.send?.({ id: job.id, error: String(error) }),
  );
});
process.once('disconnect', () => process.exit(0));
process.send?.({ port: 0 });
