import { createServer, get } from 'node:http';
import { probe } from './http-probe.test-support';
import { listenOnFreePort } from './listen-on-free-port';

describe('listenOnFreePort', () => {
  it('serves a request listener (such as an express app) on a free loopback port', async () => {
    const api = await listenOnFreePort((_req, res) => res.end('pong'));
    try {
      expect(api.port).toBeGreaterThan(0);
      expect(api.url).toBe(`http://127.0.0.1:${api.port}`);
      expect((await probe(`${api.url}/ping`)).body).toBe('pong');
    } finally {
      await api.close();
    }
  });

  it('accepts an existing http.Server and hands the same server back', async () => {
    const server = createServer((_req, res) => res.end('existing'));
    const api = await listenOnFreePort(server);
    try {
      expect(api.server).toBe(server);
      expect((await probe(api.url)).body).toBe('existing');
    } finally {
      await api.close();
    }
  });

  it('closes at once even while a request hangs, so afterAll never waits on sockets', async () => {
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    const api = await listenOnFreePort(() => arrived()); // never answers
    const failed = new Promise<string>((resolve) => {
      get(api.url, { agent: false }).on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    await requestArrived;

    const started = performance.now();
    await api.close();

    expect(performance.now() - started).toBeLessThan(500);
    expect(await failed).toBe('ECONNRESET');
    expect(api.server.listening).toBe(false);
  });
});
