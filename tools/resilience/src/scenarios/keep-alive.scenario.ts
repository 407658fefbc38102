import type { Scenarios } from './suite-context';

/** Keep-alive between apps: losing connection reuse would put a TCP handshake (and TIME_WAIT sockets) on every hop of every call. */
export const keepAliveScenarios: Scenarios = (context) => {
  it('reuses keep-alive connections on every hop: 100 reads through the chain open at most 2 new TCP connections per hop', async () => {
    const { chain, me, systems } = context();
    const accepted = () => Object.fromEntries(Object.entries(chain.proxies).map(([hop, proxy]) => [hop, proxy.stats().connectionsAccepted]));
    const before = accepted();

    for (let i = 0; i < 100; i += 1) {
      expect((await me()).status).toBe(200);
      expect((await systems()).status).toBe(200);
    }

    const after = accepted();
    expect((after['sync'] ?? 0) - (before['sync'] ?? 0)).toBeLessThanOrEqual(2);
    expect((after['system'] ?? 0) - (before['system'] ?? 0)).toBeLessThanOrEqual(2);
    expect((after['bank'] ?? 0) - (before['bank'] ?? 0)).toBeLessThanOrEqual(2);
  });
};
