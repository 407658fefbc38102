import { Agent } from 'node:http';
import { startFaultProxy } from './fault-proxy';
import type { FaultProxy } from './fault-proxy.types';
import { BIG_BODY_BYTES, probe, upstreamHandler, waitFor } from './http-probe.test-support';
import { listenOnFreePort, type ListeningServer } from './listen-on-free-port';

describe('fault proxy: network faults', () => {
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

  it('forwards requests and responses unchanged when no fault is set, counting bytes', async () => {
    const result = await probe(`${proxy.url}/hello`);

    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ ok: true, path: '/hello' });
    expect(proxy.url).toBe(`http://127.0.0.1:${proxy.port}`);
    const stats = proxy.stats();
    expect(stats.connectionsAccepted).toBe(1);
    expect(stats.bytesToUpstream).toBeGreaterThan(0);
    expect(stats.bytesToClient).toBeGreaterThan(result.bodyBytes);
  });

  it('adds at least the configured latency to a request', async () => {
    await proxy.setFault({ kind: 'latency', ms: 150, jitterMs: 20 });

    const started = performance.now();
    const result = await probe(`${proxy.url}/slow`);
    const elapsed = performance.now() - started;

    expect(result.status).toBe(200);
    // request and response are each delayed, so a round trip costs at least 2 x ms
    expect(elapsed).toBeGreaterThanOrEqual(2 * 150 - 2);
  });

  it('stops adding latency once faults are cleared', async () => {
    await proxy.setFault({ kind: 'latency', ms: 2_000 });
    await proxy.clearFaults();

    const started = performance.now();
    await probe(`${proxy.url}/fast`);

    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('blackholes: the client times out and the upstream never sees the request', async () => {
    await proxy.setFault({ kind: 'blackhole' });
    const hitsBefore = hits.count;

    const result = await probe(`${proxy.url}/hang`, { timeoutMs: 300 });

    expect(result.error?.code).toBe('ETIMEDOUT');
    expect(result.status).toBeUndefined();
    expect(hits.count).toBe(hitsBefore);
    expect(proxy.stats().connectionsBlackholed).toBe(1);
  });

  it('resets new connections, so the client sees ECONNRESET', async () => {
    await proxy.setFault({ kind: 'reset' });

    const result = await probe(`${proxy.url}/hello`);

    expect(result.error?.code).toBe('ECONNRESET');
    expect(result.error?.message).toMatch(/ECONNRESET/); // an RST, not a polite close ("socket hang up")
    expect(proxy.stats().connectionsReset).toBe(1);
    await waitFor(() => proxy.stats().openConnections === 0);
  });

  it('resets mid-response after N bytes, truncating a large body', async () => {
    await proxy.setFault({ kind: 'reset-after-bytes', bytes: 20_000 });

    const result = await probe(`${proxy.url}/big`);

    expect(result.status).toBe(200);
    expect(result.complete).toBe(false);
    expect(result.error).toBeDefined();
    expect(result.bodyBytes).toBeLessThan(20_000);
    expect(result.bodyBytes).toBeLessThan(BIG_BODY_BYTES);
    expect(proxy.stats().bytesToClient).toBe(20_000);
    expect(proxy.stats().connectionsReset).toBe(1);
    await waitFor(() => proxy.stats().openConnections === 0); // the socket really closed
  });

  it('stacks latency with another fault instead of replacing it', async () => {
    await proxy.setFault({ kind: 'latency', ms: 100 });
    await proxy.setFault({ kind: 'reset-after-bytes', bytes: 5_000 });

    const started = performance.now();
    const result = await probe(`${proxy.url}/big`);

    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * 100 - 2);
    expect(result.complete).toBe(false);
    expect(proxy.stats().bytesToClient).toBe(5_000);
    // the queued upstream end must not half-close the socket before the reset: a reset
    // on a shutting-down socket fails in Node, leaks the handle and hangs process exit
    await waitFor(() => proxy.stats().openConnections === 0);
  });

  it('applies a fault set later to an open keep-alive connection at its next request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await probe(`${proxy.url}/first`, { agent })).status).toBe(200);
      await proxy.setFault({ kind: 'blackhole' });

      const result = await probe(`${proxy.url}/second`, { agent, timeoutMs: 300 });

      expect(result.error?.code).toBe('ETIMEDOUT');
      expect(proxy.stats().connectionsAccepted).toBe(1);
    } finally {
      agent.destroy();
    }
  });
});
