import { UpstreamError, UpstreamUnavailableError } from '@strata/errors';
import { rejectionOf, sendJson, silentLogger, startUpstream, type TestUpstream } from './__fixtures__/upstream.fixture';
import type { HttpClientOptions } from './client-options';
import { createHttpClient, type HttpClient } from './http-client';

/** A breaker that will not open during these tests unless a test asks for it. */
const patient = { volumeThreshold: 10_000, consecutiveFailuresToOpen: 10_000, consecutiveTimeoutsToOpen: 10_000 };

describe('retries', () => {
  let upstream: TestUpstream;
  let client: HttpClient;

  const start = async (handler: Parameters<typeof startUpstream>[0], options: Partial<HttpClientOptions> = {}) => {
    upstream = await startUpstream(handler);
    client = createHttpClient({
      name: 'flaky',
      baseUrl: upstream.url,
      logger: silentLogger(),
      timeoutMs: 200,
      ...patient,
      ...options,
      retry: { maxRetries: 3, baseDelayMs: 40, maxDelayMs: 1000, maxTotalMs: 5000, ...(options.retry || {}) },
    });
  };

  afterEach(async () => {
    await client.shutdown();
    await upstream.close();
  });

  it('repeats a GET on 503 up to the limit, waiting longer each time with jitter', async () => {
    await start((_req, res) => sendJson(res, 503));
    const error = await rejectionOf(client.request({ method: 'GET', path: '/x' }));

    expect(error).toMatchObject({ reason: 'server-error' });
    expect(upstream.requests).toHaveLength(4);
    const gaps = upstream.requests.slice(1).map((r, i) => r.at - (upstream.requests[i]?.at ?? 0));
    // Retry n waits within [40·2ⁿ/2, 40·2ⁿ] ms. Only lower bounds are asserted: on a loaded
    // machine waits can only get longer. The third wait's floor (80) is twice the first's ceiling.
    expect(gaps[0]).toBeGreaterThanOrEqual(19);
    expect(gaps[1]).toBeGreaterThanOrEqual(39);
    expect(gaps[2]).toBeGreaterThanOrEqual(79);
    expect(gaps[2]).toBeLessThan(1000);
  });

  it('repeats a GET whose connection the upstream resets, then succeeds', async () => {
    let seen = 0;
    await start((req, res) => (++seen < 3 ? req.socket.destroy() : sendJson(res, 200, { ok: true })));
    await expect(client.request({ method: 'GET', path: '/x' })).resolves.toMatchObject({ status: 200, body: { ok: true } });
    expect(upstream.requests).toHaveLength(3);
  });

  it('gives up on a reset connection after maxRetries with a connection error', async () => {
    await start((req) => req.socket.destroy());
    const error = await rejectionOf(client.request({ method: 'GET', path: '/x' }));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({ reason: 'connection' });
    expect(upstream.requests).toHaveLength(4);
  });

  it('never repeats a POST without an idempotency key, and repeats one with a key', async () => {
    await start((_req, res) => sendJson(res, 503));
    await rejectionOf(client.request({ method: 'POST', path: '/orders', body: { a: 1 } }));
    expect(upstream.requests).toHaveLength(1);

    await rejectionOf(client.request({ method: 'POST', path: '/orders', body: { a: 1 }, headers: { 'Idempotency-Key': 'key-123456' } }));
    expect(upstream.requests).toHaveLength(5);
    expect(upstream.requests[4]?.headers['idempotency-key']).toBe('key-123456');
    expect(upstream.requests[4]?.body).toBe('{"a":1}');
  });

  it('retries a timed-out GET but not a timed-out keyed POST', async () => {
    await start(() => undefined, { timeoutMs: 50, retry: { maxRetries: 1, baseDelayMs: 10 } });
    await rejectionOf(client.request({ method: 'GET', path: '/x' }));
    expect(upstream.requests).toHaveLength(2);
    await rejectionOf(client.request({ method: 'POST', path: '/x', headers: { 'idempotency-key': 'key-123456' } }));
    expect(upstream.requests).toHaveLength(3);
  });

  it('stops retrying as soon as the breaker opens', async () => {
    await start((_req, res) => sendJson(res, 503), { consecutiveFailuresToOpen: 2, retry: { maxRetries: 5 } });
    await rejectionOf(client.request({ method: 'GET', path: '/x' }));
    expect(upstream.requests).toHaveLength(2);
    expect(client.snapshot().state).toBe('open');
  });

  it('spends at most the retry budget under sustained failure, instead of multiplying the load', async () => {
    await start((_req, res) => sendJson(res, 503), { retry: { maxRetries: 3, baseDelayMs: 2, budgetRatio: 0.2, budgetMinRetries: 5 } });
    for (let i = 0; i < 60; i++) await rejectionOf(client.request({ method: 'GET', path: '/x' }));

    // Without a budget: 60 × 4 = 240 requests. With it: 60 + max(5, 0.2 × 60).
    expect(upstream.requests.length).toBeGreaterThanOrEqual(60 + 5);
    expect(upstream.requests.length).toBeLessThanOrEqual(60 + 12);
    expect(await client.registry.metrics()).toMatch(/event="budgetExhausted"} [1-9]/);
  });

  it('waits out a 429 Retry-After only within maxTotalMs', async () => {
    let wait = '10';
    await start((_req, res) => sendJson(res, 429, { title: 'slow down' }, { 'retry-after': wait }), { retry: { maxTotalMs: 500 } });
    const error = await rejectionOf(client.request({ method: 'GET', path: '/x' }));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ upstreamStatus: 429 });
    expect(upstream.requests).toHaveLength(1);

    wait = '0';
    await rejectionOf(client.request({ method: 'GET', path: '/x' }));
    expect(upstream.requests).toHaveLength(5);
  });
});
