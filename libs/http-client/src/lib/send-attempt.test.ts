import { UpstreamUnavailableError } from '@strata/errors';
import { isAxiosError } from 'axios';
import { delay, rejectionOf, silentLogger, startUpstream, type TestUpstream } from './__fixtures__/upstream.fixture';
import type { ClientTransport } from './client-options';
import { createHttpClient, type HttpClient } from './http-client';

describe.each<ClientTransport>(['undici', 'axios-http'])('a timed-out call over %s', (transport) => {
  let upstream: TestUpstream;
  let client: HttpClient;

  beforeEach(async () => {
    upstream = await startUpstream(() => undefined);
    client = createHttpClient({ name: 'slow', baseUrl: upstream.url, transport, timeoutMs: 200, retry: false, logger: silentLogger() });
  });

  afterEach(async () => {
    await client.shutdown();
    await upstream.close();
  });

  it('closes the socket, so the upstream sees the connection drop right after the deadline', async () => {
    const started = performance.now();
    const error = await rejectionOf(client.request({ method: 'GET', path: '/hang' }));
    const failedAt = performance.now();
    await delay(100);

    expect(failedAt - started).toBeGreaterThanOrEqual(195);
    expect(failedAt - started).toBeLessThan(500);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout', upstream: 'slow' });
    expect(isAxiosError(error)).toBe(false);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.abandoned).toHaveLength(1);
    // The upstream saw the connection close at the deadline, not when the server shut down later.
    expect(upstream.abandoned[0]! - started).toBeGreaterThanOrEqual(195);
    expect(upstream.abandoned[0]! - failedAt).toBeLessThan(100);
  });

  it('takes a per-call deadline over the client default', async () => {
    const started = performance.now();
    await rejectionOf(client.request({ method: 'GET', path: '/hang', timeoutMs: 50 }));
    expect(performance.now() - started).toBeLessThan(150);
  });
});
