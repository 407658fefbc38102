import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { UpstreamError, UpstreamUnavailableError } from '@strata/errors';
import { runWithContext } from '@strata/logging';
import { isAxiosError } from 'axios';
import { delay, rejectionOf, sendJson, silentLogger, startUpstream, type TestUpstream } from './__fixtures__/upstream.fixture';
import type { ClientTransport, HttpClientOptions } from './client-options';
import { createHttpClient, type HttpClient } from './http-client';

const problem = { type: 'https://strata.dev/problems/conflict', title: 'Conflict', status: 409, detail: 'customer C-1 exists' };

describe.each<ClientTransport>(['undici', 'axios-http'])('createHttpClient over %s', (transport) => {
  let upstream: TestUpstream;
  let client: HttpClient;

  const start = async (handler: Parameters<typeof startUpstream>[0], options: Partial<HttpClientOptions> = {}) => {
    upstream = await startUpstream(handler);
    client = createHttpClient({ name: 'core-banking', baseUrl: `${upstream.url}/api`, transport, logger: silentLogger(), timeoutMs: 500, retry: false, ...options });
  };

  afterEach(async () => {
    await client.shutdown();
    await upstream.close();
  });

  it('sends the current correlation id and the service token', async () => {
    await start((_req, res) => sendJson(res, 200, {}), { getServiceToken: async () => 'svc-token-1' });
    await runWithContext({ correlationId: 'corr-42' }, () => client.request({ method: 'GET', path: '/v1/ping' }));
    expect(upstream.requests[0]?.headers).toMatchObject({ 'x-correlation-id': 'corr-42', authorization: 'Bearer svc-token-1' });
    await client.request({ method: 'GET', path: '/v1/ping' });
    expect(upstream.requests[1]?.headers['x-correlation-id']).toBeUndefined();
  });

  it('sends path under the base URL, query, headers and a JSON body, and returns status, headers and body', async () => {
    await start((_req, res) => sendJson(res, 201, { id: 'C-1' }, { etag: '"v1"' }));
    const response = await client.request({
      method: 'post',
      path: '/v1/customers',
      query: { tag: ['a', 'b c'], limit: 5, skip: undefined },
      headers: { 'X-Trace': 't1' },
      body: { name: 'Ada' },
    });
    expect(response).toEqual({ status: 201, headers: expect.objectContaining({ etag: '"v1"' }), body: { id: 'C-1' } });
    const seen = upstream.requests[0];
    expect(seen).toMatchObject({ method: 'POST', url: '/api/v1/customers?tag=a&tag=b+c&limit=5', body: '{"name":"Ada"}' });
    expect(seen?.headers).toMatchObject({ 'x-trace': 't1', 'content-type': expect.stringContaining('application/json') });
  });

  it('returns an undefined body for 204 and keeps connections alive', async () => {
    await start((_req, res) => sendJson(res, 204));
    for (let i = 0; i < 10; i++) expect((await client.request({ method: 'DELETE', path: '/v1/x' })).body).toBeUndefined();
    // undici's pool may open a second socket while the first is being released; never one per call.
    expect(upstream.connections()).toBeLessThanOrEqual(2);
  });

  it('maps 503 to UpstreamUnavailableError server-error, keeping Retry-After', async () => {
    await start((_req, res) => sendJson(res, 503, { title: 'maintenance' }, { 'retry-after': '7' }));
    const error = await rejectionOf(client.request({ method: 'GET', path: '/x' }));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({ reason: 'server-error', upstream: 'core-banking', retryAfterSeconds: 7 });
    expect((error as Error).message).toContain('maintenance');
  });

  it('maps a problem+json 409 to UpstreamError with the status and the parsed problem', async () => {
    await start((_req, res) => sendJson(res, 409, problem));
    const error = await rejectionOf(client.request({ method: 'PUT', path: '/x', body: {} }));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ upstreamStatus: 409, upstreamBody: problem, upstream: 'core-banking' });
    expect(isAxiosError(error)).toBe(false);
  });

  it('maps a refused connection to UpstreamUnavailableError connection without leaking the axios error', async () => {
    await start((_req, res) => sendJson(res, 200));
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = createHttpClient({ name: 'gone', baseUrl: `http://127.0.0.1:${port}`, transport, logger: silentLogger(), retry: false, getServiceToken: () => 'secret-token' });
    const error = await rejectionOf(refused.request({ method: 'GET', path: '/x' }));
    await refused.shutdown();
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({ reason: 'connection' });
    expect(isAxiosError((error as Error).cause)).toBe(false);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('secret-token');
  });

  it('fails calls beyond maxConcurrent at once with bulkhead-full', async () => {
    await start((_req, res) => void delay(100).then(() => sendJson(res, 200, {})), { maxConcurrent: 2 });
    const calls = [0, 1, 2].map(() => client.request({ method: 'GET', path: '/x' }));
    const results = await Promise.allSettled(calls);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ reason: 'bulkhead-full' });
    expect(upstream.requests).toHaveLength(2);
    await expect(client.request({ method: 'GET', path: '/x' })).resolves.toMatchObject({ status: 200 });
  });

  it('refuses a path that is not under the base URL, before anything is sent', async () => {
    await start((_req, res) => sendJson(res, 200, {}), { getServiceToken: () => 'secret-token' });
    await expect(client.request({ method: 'GET', path: `${upstream.url}/elsewhere` })).rejects.toThrow(/must start with/);
    expect(upstream.requests).toHaveLength(0);
  });

  it('runs axios interceptors registered on client.axios', async () => {
    await start((_req, res) => sendJson(res, 200, {}));
    client.axios.interceptors.request.use((config) => {
      config.headers.set('x-from-interceptor', 'yes');
      return config;
    });
    await client.request({ method: 'GET', path: '/x' });
    expect(upstream.requests[0]?.headers['x-from-interceptor']).toBe('yes');
  });

  it('releases its sockets on shutdown and refuses calls afterwards', async () => {
    await start((_req, res) => sendJson(res, 200, {}));
    await client.request({ method: 'GET', path: '/x' });
    expect(upstream.openConnections()).toBeGreaterThan(0);
    await client.shutdown();
    await delay(50);
    expect(upstream.openConnections()).toBe(0);
    await expect(client.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ reason: 'breaker-open' });
    expect(upstream.requests).toHaveLength(1);
  });
});
