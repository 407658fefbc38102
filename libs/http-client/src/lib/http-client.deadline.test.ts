import { performance } from 'node:perf_hooks';
import { UpstreamUnavailableError } from '@strata/errors';
import { runWithContext } from '@strata/logging';
import { delay, rejectionOf, sendJson, silentLogger, startUpstream, type TestUpstream } from './__fixtures__/upstream.fixture';
import type { ClientTransport, HttpClientOptions } from './client-options';
import { createHttpClient, type HttpClient } from './http-client';

/** Runs `fn` as if serving a request whose caller waits `ms` more from now. */
const servingWithDeadline = <T>(ms: number, fn: () => Promise<T>) => runWithContext({ correlationId: 'c-deadline', deadlineAt: performance.now() + ms }, fn);

let upstream: TestUpstream;
let client: HttpClient;

const start = async (handler: Parameters<typeof startUpstream>[0], options: Partial<HttpClientOptions> = {}) => {
  upstream = await startUpstream(handler);
  client = createHttpClient({ name: 'callee', baseUrl: upstream.url, logger: silentLogger(), timeoutMs: 500, retry: false, ...options });
};

afterEach(async () => {
  await client.shutdown();
  await upstream.close();
});

const deadlineSeen = (index: number) => Number(upstream.requests[index]?.headers['x-request-deadline-ms']);

describe.each<ClientTransport>(['undici', 'axios-http'])('the deadline header over %s', (transport) => {
  it('tells the upstream how long this attempt will wait: its own deadline when no caller set one', async () => {
    await start((_req, res) => sendJson(res, 200, {}), { transport });
    await client.request({ method: 'GET', path: '/v1/ping' });
    await client.request({ method: 'GET', path: '/v1/ping', timeoutMs: 300 });
    expect(upstream.requests[0]?.headers['x-request-deadline-ms']).toBe('500');
    expect(upstream.requests[1]?.headers['x-request-deadline-ms']).toBe('300');
  });

  it("inside a request, sends what is left of the caller's deadline minus the margin, time already spent deducted", async () => {
    await start((_req, res) => sendJson(res, 200, {}), { transport, timeoutMs: 5000, deadlineMarginMs: 100 });
    await servingWithDeadline(1000, async () => {
      await delay(200);
      await client.request({ method: 'POST', path: '/v1/things', body: { a: 1 } });
    });
    // 1000 - 200 spent - 100 margin = 700 at most; a loaded machine can only make it less.
    expect(deadlineSeen(0)).toBeLessThanOrEqual(700);
    expect(deadlineSeen(0)).toBeGreaterThan(400);
  });
});

describe("an attempt inside a request with the caller's deadline", () => {
  it("is cut at the caller's deadline (minus the margin), not at the client's own longer timeout, and its socket closed", async () => {
    await start(() => undefined, { timeoutMs: 5000, deadlineMarginMs: 100 });
    const started = performance.now();
    const error = await rejectionOf(servingWithDeadline(400, () => client.request({ method: 'GET', path: '/v1/slow' })));
    const failedAt = performance.now();
    await delay(50);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout', upstream: 'callee' });
    expect(failedAt - started).toBeGreaterThanOrEqual(290);
    expect(failedAt - started).toBeLessThan(1000);
    expect(upstream.abandoned).toHaveLength(1);
    expect(upstream.abandoned[0]! - started).toBeLessThan(1000);
  });

  it('starts no retry that would not fit before the deadline, and says so in the metrics', async () => {
    // Backoff waits 200 to 400 ms; with 300 ms left and a 100 ms margin no retry fits.
    const retry = { maxRetries: 2, baseDelayMs: 400, maxDelayMs: 400, maxTotalMs: 5000 };
    await start((_req, res) => sendJson(res, 503), { retry, deadlineMarginMs: 100 });
    const started = performance.now();
    const error = await rejectionOf(servingWithDeadline(300, () => client.request({ method: 'GET', path: '/v1/flaky' })));
    expect(error).toMatchObject({ reason: 'server-error' });
    expect(upstream.requests).toHaveLength(1);
    // It gave up at once instead of sleeping through a backoff it could not use.
    expect(performance.now() - started).toBeLessThan(200);
    expect(await client.registry.metrics()).toMatch(/event="deadlineExceeded"} 1/);

    // The same call with no caller's deadline is retried: the deadline is what stopped it.
    await rejectionOf(client.request({ method: 'GET', path: '/v1/flaky' }));
    expect(upstream.requests).toHaveLength(4);
  });

  it('is not sent at all once less than the shortest useful attempt is left, and does not count against the breaker', async () => {
    await start((_req, res) => sendJson(res, 200, {}), { deadlineMarginMs: 100, consecutiveTimeoutsToOpen: 1 });
    for (let i = 0; i < 3; i++) {
      const error = await rejectionOf(servingWithDeadline(110, () => client.request({ method: 'GET', path: '/v1/ping' })));
      expect(error).toMatchObject({ reason: 'timeout', upstream: 'callee' });
    }
    expect(upstream.requests).toHaveLength(0);
    expect(client.snapshot()).toMatchObject({ state: 'closed', stats: { fires: 0, timeouts: 0, failures: 0 } });
    await expect(client.request({ method: 'GET', path: '/v1/ping' })).resolves.toMatchObject({ status: 200 });
  });
});
