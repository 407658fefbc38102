import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { probeReady } from './app-probe';
import { watchLandscape } from './landscape-watcher';

/** A tiny app in its own process: answers /health/ready 200 on `port` until killed. */
function startFakeApp(port: number): Promise<ChildProcess> {
  const script = `require('node:http').createServer((req, res) => { res.writeHead(req.url === '/health/ready' ? 200 : 404); res.end('{}'); }).listen(${port}, '127.0.0.1', () => console.log('listening'));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`fake app exited with ${code}`)));
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const eventually = async (check: () => boolean, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return check();
};

describe('watchLandscape', () => {
  let child: ChildProcess | undefined;
  afterEach(() => void child?.kill('SIGKILL'));

  it('reports an app whose process exits, with its name, port and last known state, reminds, and reports its return', async () => {
    const port = await freePort();
    child = await startFakeApp(port);
    const app = { name: 'system-fake', root: 'apps/system/fake', layer: 'system', port, url: `http://127.0.0.1:${port}` };
    const reports: string[] = [];
    const watcher = watchLandscape([app], { probe: (a) => probeReady(a.url), report: (m) => reports.push(m), intervalMs: 50, remindEveryMs: 300 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(reports).toEqual([]);

      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      expect(await eventually(() => reports.length >= 1)).toBe(true);
      expect(reports[0]).toMatch(/^system-fake \(system, port \d+\) is down: connection refused: its process has exited or stopped listening; last known state: ready since \d\d:\d\d:\d\d$/);
      expect(await eventually(() => reports.some((r) => r.includes('is still down')))).toBe(true);

      child = await startFakeApp(port);
      expect(await eventually(() => reports.some((r) => r.startsWith('system-fake (system, port') && r.includes('is ready again')))).toBe(true);
    } finally {
      watcher.stop();
    }
  });

  it('reports an app that answers but is not ready, with what its readiness says', async () => {
    let ready = true;
    const server: Server = createServer((_req, res) => {
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ready ? { status: 'ready', checks: {} } : { status: 'not-ready', checks: { database: { status: 'down' } } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const reports: string[] = [];
    const watcher = watchLandscape([{ name: 'process-fake', root: 'apps/process/fake', layer: 'process', port, url: `http://127.0.0.1:${port}` }], { probe: (a) => probeReady(a.url), report: (m) => reports.push(m), intervalMs: 50 });
    try {
      ready = false;
      expect(await eventually(() => reports.length >= 1)).toBe(true);
      expect(reports[0]).toContain('process-fake (process, port');
      expect(reports[0]).toContain('is not ready: /health/ready answers 503 not-ready (database); last known state: ready');
    } finally {
      watcher.stop();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
