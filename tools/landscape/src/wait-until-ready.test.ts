import { appsOnBusyPorts, waitForFreePorts } from './free-ports';
import type { AppState } from './app-probe';
import { waitUntilReady } from './wait-until-ready';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

const app = (name: string, port = 1) => ({ name, root: `apps/system/${name}`, layer: 'system', port, url: `http://${name}` });

describe('waitUntilReady', () => {
  it('resolves once every app answers ready, asking only those still pending', async () => {
    const asked: string[] = [];
    let round = 0;
    const probe = async ({ url }: { url: string }): Promise<AppState> => {
      asked.push(url);
      if (url === 'http://b') round += 1;
      return url === 'http://a' || round >= 3 ? { state: 'ready' } : { state: 'down', detail: 'starting' };
    };
    const pending = await waitUntilReady([app('a'), app('b')], { probe, timeoutMs: 5000, intervalMs: 10 });
    expect(pending).toEqual({ notReady: [], exited: [] });
    expect(asked.filter((url) => url === 'http://a')).toHaveLength(1);
  });

  it('gives up after the timeout, naming the apps never ready and reporting progress meanwhile', async () => {
    const progress: string[][] = [];
    const pending = await waitUntilReady([app('a'), app('b')], {
      probe: async ({ url }) => (url === 'http://b' ? { state: 'ready' } : { state: 'not-ready', detail: '503' }),
      timeoutMs: 300,
      intervalMs: 10,
      progressEveryMs: 100,
      onProgress: (apps) => progress.push(apps.map((a) => a.name)),
    });
    expect(pending.notReady.map((a) => a.name)).toEqual(['a']);
    expect(pending.exited).toEqual([]);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((names) => names.join() === 'a')).toBe(true);
  });

  it('stops waiting for an app whose process exited, and says so once', async () => {
    const exited: string[] = [];
    const result = await waitUntilReady([app('a'), app('b')], {
      probe: async ({ url }) => (url === 'http://a' ? { state: 'exited', detail: 'its process has exited' } : { state: 'not-ready', detail: '503' }),
      timeoutMs: 200,
      intervalMs: 10,
      onExited: (gone, detail) => exited.push(`${gone.name}: ${detail}`),
    });
    expect(exited).toEqual(['a: its process has exited']);
    expect(result.exited.map((a) => a.name)).toEqual(['a']);
    expect(result.notReady.map((a) => a.name)).toEqual(['b']);
  });
});

describe('waitForFreePorts', () => {
  it('waits while something else holds a port, and goes on once it is free', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '0.0.0.0', resolve));
    const { port } = holder.address() as AddressInfo;
    const apps = [app('held', port)];
    expect((await appsOnBusyPorts(apps)).map((a) => a.name)).toEqual(['held']);

    const reports: string[][] = [];
    const waiting = waitForFreePorts(apps, { timeoutMs: 5000, intervalMs: 50, report: (busy) => reports.push(busy.map((a) => a.name)) });
    setTimeout(() => holder.close(), 200);
    expect(await waiting).toEqual([]);
    expect(reports[0]).toEqual(['held']);
  });
});
