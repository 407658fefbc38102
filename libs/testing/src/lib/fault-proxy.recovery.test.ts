import { Agent } from 'node:http';
import { startFaultProxy } from './fault-proxy';
import type { FaultProxy } from './fault-proxy.types';
import { probe, upstreamHandler, waitFor } from './http-probe.test-support';
import { listenOnFreePort, type ListeningServer } from './listen-on-free-port';

describe('fault proxy: error bursts, outages and shutdown', () => {
  const hits = { count: 0 };
  let upstream: ListeningServer;
  let proxy: FaultProxy;

  beforeAll(async () => {
    upstream = await listenOnFreePort(upstreamHandler(hits));
  });
  afterAll(() => upstream.close());

  beforeEach(async () => {
    proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: upstream.port } });
  });
  afterEach(() => proxy.close());

  it('answers exactly `count` requests with problem+json errors, then passes through again', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // the first request leaves a pooled keep-alive connection that the burst must catch
      expect((await probe(`${proxy.url}/warm`, { agent })).status).toBe(200);
      await proxy.setFault({ kind: 'http-error-burst', status: 503, count: 3 });
      const hitsBefore = hits.count;

      const results = [];
      for (let i = 0; i < 5; i += 1) results.push(await probe(`${proxy.url}/r${i}`, { agent }));

      expect(results.map((r) => r.status)).toEqual([503, 503, 503, 200, 200]);
      expect(results[0]!.headers?.['content-type']).toBe('application/problem+json');
      expect(JSON.parse(results[0]!.body)).toMatchObject({ status: 503, title: 'Service Unavailable' });
      expect(hits.count - hitsBefore).toBe(2);
      expect(proxy.stats().httpErrorsServed).toBe(3);
      // every request counts, answered by the burst or forwarded, on one reused connection or not
      expect(proxy.stats().httpRequests).toBe(6);
      expect(proxy.requestLines()).toEqual(['GET /warm', 'GET /r0', 'GET /r1', 'GET /r2', 'GET /r3', 'GET /r4']);
    } finally {
      agent.destroy();
    }
  });

  it('serves the burst to concurrent fresh connections without over-counting', async () => {
    await proxy.setFault({ kind: 'http-error-burst', status: 502, count: 2 });

    const results = await Promise.all([1, 2, 3, 4].map((i) => probe(`${proxy.url}/c${i}`)));

    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 502, 502]);
    expect(proxy.stats().httpRequests).toBe(4);
  });

  it('counts requests a blackhole swallows, since a hanging backend still received them', async () => {
    await proxy.setFault({ kind: 'blackhole' });

    await Promise.all([1, 2].map((i) => probe(`${proxy.url}/lost${i}`, { timeoutMs: 200 })));

    expect(proxy.stats().httpRequests).toBe(2);
    expect(proxy.stats().connectionsBlackholed).toBe(2);
  });

  it('refuses connections while down and serves again on the same port after clearFaults', async () => {
    const port = proxy.port;
    await proxy.setFault({ kind: 'down' });

    const refused = await probe(`${proxy.url}/x`);
    expect(refused.error?.code).toBe('ECONNREFUSED');

    await proxy.clearFaults();
    const back = await probe(`${proxy.url}/x`);
    expect(proxy.port).toBe(port);
    expect(back.status).toBe(200);
  });

  it('closes quickly even with hanging connections open, failing them', async () => {
    await proxy.setFault({ kind: 'blackhole' });
    const pending = [1, 2, 3].map((i) => probe(`${proxy.url}/hang${i}`));
    await waitFor(() => proxy.stats().openConnections === 3);

    const started = performance.now();
    await proxy.close();

    expect(performance.now() - started).toBeLessThan(500);
    const results = await Promise.all(pending);
    expect(results.every((r) => r.error !== undefined)).toBe(true);
    expect(proxy.stats().openConnections).toBe(0);
  });

  it('rejects a nonsensical fault instead of silently injecting nothing', async () => {
    await expect(proxy.setFault({ kind: 'http-error-burst', status: 503, count: 0 })).rejects.toThrow(RangeError);
    await expect(proxy.setFault({ kind: 'latency', ms: -1 })).rejects.toThrow(/latency/);
  });
});
