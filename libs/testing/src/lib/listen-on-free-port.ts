import { createServer, Server, type RequestListener } from 'node:http';

/** A server listening on a free loopback port, and how to get rid of it. */
export interface ListeningServer {
  server: Server;
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /**
   * Stops listening and destroys keep-alive sockets too, so `afterAll` returns at once
   * instead of waiting for idle client connections to time out.
   */
  close(): Promise<void>;
}

/**
 * Listens on port 0 (a free port chosen by the OS) on 127.0.0.1, so tests run in
 * parallel without port clashes and never open a public port. Accepts an existing
 * `http.Server` or any request listener, such as an express app from `createApp()`.
 *
 * @example
 * const api = await listenOnFreePort(createApp(deps));
 * await fetch(`${api.url}/health/live`);
 * await api.close();
 */
export async function listenOnFreePort(target: Server | RequestListener): Promise<ListeningServer> {
  const server = target instanceof Server ? target : createServer(target);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('listenOnFreePort: no TCP address');
  const { port } = address;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
