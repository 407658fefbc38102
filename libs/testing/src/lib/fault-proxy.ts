import { createServer, type Server, type Socket } from 'node:net';
import { FaultState } from './fault-state';
import type { Fault, FaultProxy, FaultProxyOptions, FaultProxyStats } from './fault-proxy.types';
import { ProxiedConnection } from './proxy-connection';

/**
 * Starts a TCP proxy in front of `target` whose failures a test switches on and off:
 * latency, a hanging backend, resets, truncated responses, bursts of HTTP errors, or a
 * backend that is simply down. It is how our tests show that timeouts, retries and
 * circuit breakers behave, against real sockets rather than mocks.
 *
 * @example
 * const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: upstreamPort } });
 * await proxy.setFault({ kind: 'blackhole' });
 * // ... the client under test must time out ...
 * await proxy.close();
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const proxy = new FaultProxyServer(options);
  await proxy.listen(options.listenPort ?? 0);
  return proxy;
}

class FaultProxyServer implements FaultProxy {
  private server: Server | undefined;
  private readonly connections = new Set<ProxiedConnection>();
  private readonly state = new FaultState();
  private readonly host: string;
  private boundPort = 0;
  private closed = false;

  constructor(private readonly options: FaultProxyOptions) {
    this.host = options.host ?? '127.0.0.1';
  }

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `http://${this.host}:${this.boundPort}`;
  }

  async setFault(fault: Fault): Promise<void> {
    this.state.set(fault);
    await this.syncListening();
  }

  async clearFaults(): Promise<void> {
    this.state.clear();
    await this.syncListening();
  }

  stats(): FaultProxyStats {
    return { ...this.state.stats, openConnections: this.connections.size };
  }

  requestLines(): readonly string[] {
    return [...this.state.requestLines];
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stopListening();
  }

  /** Binds (again) to the same port, so a `down` backend comes back where it was. */
  async listen(port: number): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host: this.host }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('fault proxy: no TCP address');
    this.boundPort = address.port;
    this.server = server;
  }

  private async syncListening(): Promise<void> {
    if (this.closed) return;
    if (this.state.isDown()) await this.stopListening();
    else if (!this.server) await this.listen(this.boundPort);
  }

  /** Stops accepting and destroys every connection, so nothing keeps a test alive. */
  private async stopListening(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const connection of this.connections) connection.destroy();
    this.connections.clear();
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.state.stats.connectionsAccepted += 1;
    const connection = new ProxiedConnection(socket, this.state, this.options.target);
    this.connections.add(connection);
    socket.once('close', () => this.connections.delete(connection));
    connection.start();
  }
}
