import { UpstreamError, UpstreamUnavailableError } from '@strata/errors';
import { Registry } from 'prom-client';
import { capturingLogger, delay, rejectionOf, sendJson, silentLogger, startUpstream, type TestUpstream } from './__fixtures__/upstream.fixture';
import { createHttpClient, type HttpClient } from './http-client';

/**
 * Times `count` sequential calls that must fail. `slowest` ignores the single slowest
 * sample: on a shared 2-core machine one GC pause or scheduler hiccup must not fail the
 * suite, while a breaker that waits on the network would be slow every time.
 */
async function timeRejections(count: number, call: () => Promise<unknown>): Promise<{ slowest: number; errors: unknown[] }> {
  const times: number[] = [];
  const errors: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    errors.push(await rejectionOf(call()));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { slowest: times[times.length - 2] ?? 0, errors };
}

describe('the circuit breaker', () => {
  let upstream: TestUpstream | undefined;
  let client: HttpClient | undefined;

  afterEach(async () => {
    await client?.shutdown();
    await upstream?.close();
    client = undefined;
    upstream = undefined;
  });

  it('opens within 3 s with default options when the upstream hangs under 10 concurrent callers', async () => {
    upstream = await startUpstream(() => undefined);
    const c = (client = createHttpClient({ name: 'hanging', baseUrl: upstream.url, logger: silentLogger() }));
    const started = performance.now();
    let openedAfter = Number.POSITIVE_INFINITY;
    const errors: unknown[] = [];
    const caller = async () => {
      while (performance.now() - started < 4000 && c.snapshot().state !== 'open') {
        await c.request({ method: 'GET', path: '/slow' }).catch((error: unknown) => errors.push(error));
        await new Promise((resolve) => setImmediate(resolve));
      }
      openedAfter = Math.min(openedAfter, performance.now() - started);
    };
    await Promise.all(Array.from({ length: 10 }, caller));

    expect(c.snapshot().state).toBe('open');
    expect(openedAfter).toBeLessThan(3000);
    // Each caller's first call timed out; a retry already waiting when the breaker opened is refused by it.
    const reasons = errors.map((e) => (e instanceof UpstreamUnavailableError ? e.reason : String(e)));
    expect(reasons.length).toBeGreaterThanOrEqual(10);
    expect(reasons.filter((r) => r === 'timeout').length).toBeGreaterThanOrEqual(3);
    expect(reasons.every((r) => r === 'timeout' || r === 'breaker-open')).toBe(true);
    const { slowest, errors: rejected } = await timeRejections(5, () => c.request({ method: 'GET', path: '/slow' }));
    expect(slowest).toBeLessThan(5);
    expect(rejected.every((e) => e instanceof UpstreamUnavailableError && e.reason === 'breaker-open')).toBe(true);
  });

  it('after the configured failures fails calls in under 5 ms without a request or connection reaching the upstream', async () => {
    upstream = await startUpstream((_req, res) => sendJson(res, 503, { title: 'down' }));
    const c = (client = createHttpClient({
      name: 'failing',
      baseUrl: upstream.url,
      logger: silentLogger(),
      consecutiveFailuresToOpen: 3,
      resetTimeoutMs: 10_000,
      retry: false,
    }));
    for (let i = 0; i < 3; i++) await rejectionOf(c.request({ method: 'GET', path: '/x' }));
    expect(c.breaker.state).toBe('open');
    const requestsBefore = upstream.requests.length;
    const connectionsBefore = upstream.connections();

    const { slowest, errors } = await timeRejections(20, () => c.request({ method: 'GET', path: '/x' }));

    expect(slowest).toBeLessThan(5);
    for (const error of errors) {
      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect(error).toMatchObject({ reason: 'breaker-open', upstream: 'failing' });
      const retryAfter = (error as UpstreamUnavailableError).retryAfterSeconds ?? 0;
      expect(retryAfter).toBeGreaterThanOrEqual(9);
      expect(retryAfter).toBeLessThanOrEqual(10);
    }
    expect(upstream.requests).toHaveLength(requestsBefore);
    expect(upstream.connections()).toBe(connectionsBefore);
    expect(c.snapshot().stats?.rejects).toBeGreaterThanOrEqual(20);
  });

  it('lets exactly one probe through after the reset timeout, and a successful probe closes it', async () => {
    let healthy = false;
    upstream = await startUpstream((_req, res) => {
      if (healthy) setTimeout(() => sendJson(res, 200, { ok: true }), 80);
      else sendJson(res, 503);
    });
    const c = (client = createHttpClient({ name: 'probe', baseUrl: upstream.url, logger: silentLogger(), consecutiveFailuresToOpen: 2, resetTimeoutMs: 300 }));
    for (let i = 0; i < 2; i++) await rejectionOf(c.request({ method: 'POST', path: '/x' }));
    expect(c.snapshot().state).toBe('open');
    healthy = true;
    await delay(350);
    expect(c.snapshot().state).toBe('half-open');
    const before = upstream.requests.length;

    const results = await Promise.allSettled(Array.from({ length: 6 }, () => c.request({ method: 'GET', path: '/probe' })));

    expect(upstream.requests.length - before).toBe(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(5);
    expect(rejected.every((r) => (r.reason as UpstreamUnavailableError).reason === 'breaker-open')).toBe(true);
    expect(c.snapshot().state).toBe('closed');
    await expect(c.request({ method: 'GET', path: '/after' })).resolves.toMatchObject({ status: 200 });
  });

  it('re-opens when the probe fails', async () => {
    upstream = await startUpstream((_req, res) => sendJson(res, 503));
    const c = (client = createHttpClient({ name: 'reprobe', baseUrl: upstream.url, logger: silentLogger(), consecutiveFailuresToOpen: 2, resetTimeoutMs: 200, retry: false }));
    for (let i = 0; i < 2; i++) await rejectionOf(c.request({ method: 'GET', path: '/x' }));
    await delay(250);
    const before = upstream.requests.length;
    await Promise.allSettled(Array.from({ length: 4 }, () => c.request({ method: 'GET', path: '/x' })));
    expect(upstream.requests.length - before).toBe(1);
    expect(c.snapshot().state).toBe('open');
  });

  it('never opens on 4xx answers, even 50 in a row with a hair-trigger configuration', async () => {
    const statuses = [400, 404, 409, 422];
    let next = 0;
    upstream = await startUpstream((_req, res) => sendJson(res, statuses[next++ % statuses.length] ?? 400, { title: 'no' }));
    const c = (client = createHttpClient({
      name: 'picky',
      baseUrl: upstream.url,
      logger: silentLogger(),
      consecutiveFailuresToOpen: 2,
      volumeThreshold: 1,
      errorThresholdPercentage: 1,
    }));
    for (let i = 0; i < 50; i++) {
      await expect(c.request({ method: 'POST', path: '/x', body: { i } })).rejects.toBeInstanceOf(UpstreamError);
    }
    expect(c.snapshot().state).toBe('closed');
    expect(upstream.requests).toHaveLength(50);

    // The same configuration does open on server errors, so the assertion above means something.
    statuses.splice(0, statuses.length, 500);
    for (let i = 0; i < 2; i++) await rejectionOf(c.request({ method: 'POST', path: '/x' }));
    expect(c.snapshot().state).toBe('open');
  });

  it('logs and counts transitions on the shared registry', async () => {
    upstream = await startUpstream((_req, res) => sendJson(res, 502));
    const registry = new Registry();
    const { logger, lines } = capturingLogger();
    const options = { baseUrl: upstream.url, registry, logger, consecutiveFailuresToOpen: 2, resetTimeoutMs: 10_000, retry: false as const };
    const other = createHttpClient({ name: 'other', ...options });
    const c = (client = createHttpClient({ name: 'metered', ...options }));
    for (let i = 0; i < 2; i++) await rejectionOf(c.request({ method: 'GET', path: '/x' }));
    await rejectionOf(c.request({ method: 'GET', path: '/x' }));
    await other.shutdown();

    const text = await registry.metrics();
    expect(text).toContain('strata_breaker_state{upstream="metered"} 2');
    expect(text).toContain('strata_breaker_state{upstream="other"} 0');
    expect(text).toContain('strata_breaker_events_total{upstream="metered",event="open"} 1');
    expect(text).toContain('strata_breaker_events_total{upstream="metered",event="failure"} 2');
    expect(text).toContain('strata_breaker_events_total{upstream="metered",event="reject"} 1');
    expect(text).toMatch(/strata_upstream_request_duration_seconds_count\{upstream="metered",method="GET",status="502"\} 2/);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'upstream breaker opened', upstream: 'metered' }));
  });
});
