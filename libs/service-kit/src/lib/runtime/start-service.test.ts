import http from 'node:http';
import { spawnService, waitForPort } from '../__fixtures__/spawn-service';

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

describe('graceful shutdown of a real process', () => {
  it('lets an in-flight request finish, refuses new ones, closes stores and exits 0', async () => {
    const service = spawnService('widgets.main.ts', { WIDGETS_REGION: 'eu', WIDGETS_MAX_SIZE: '10', SHUTDOWN_TIMEOUT_MS: '5000' });
    const port = await waitForPort(service);
    const inFlight = get(port, '/v1/slow?ms=1500');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalledAt = Date.now();
    service.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(get(port, '/health/live')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const slow = await inFlight;
    expect(slow).toEqual({ status: 200, body: JSON.stringify({ waitedMs: 1500 }) });
    expect(await service.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(5000);
    const log = service.stdout();
    expect(log.indexOf('"store closed"')).toBeGreaterThan(log.indexOf('"shutting down"'));
    expect(log).toContain('"message":"stopped"');
  }, 30_000);

  it('cuts a request that outlives the deadline and still exits', async () => {
    const service = spawnService('widgets.main.ts', { WIDGETS_REGION: 'us', WIDGETS_MAX_SIZE: '10', SHUTDOWN_TIMEOUT_MS: '500' });
    const port = await waitForPort(service);
    const inFlight = get(port, '/v1/slow?ms=8000').catch((error: NodeJS.ErrnoException) => error.code);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalledAt = Date.now();
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(1);
    expect(Date.now() - signalledAt).toBeLessThan(3000);
    expect(await inFlight).toBe('ECONNRESET');
  }, 30_000);
});
