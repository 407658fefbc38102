import { PassThrough } from 'node:stream';
import { createLogger } from '@strata/logging';
import { Registry } from 'prom-client';
import type { AppState } from './app-state';
import { LandscapePoller } from './landscape.poller';
import type { WatchedApp } from './watched-app.schema';

const app = (name: string): WatchedApp => ({ name, layer: 'system', url: 'http://127.0.0.1:1', calls: [], syncStatus: false });
const state = (watched: WatchedApp, status: AppState['status']): AppState => ({ ...watched, status, error: null, checkedAt: new Date().toISOString(), latencyMs: 1, checks: {}, breakers: [] });

function capturedLogger() {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach((line) => lines.push(JSON.parse(line))));
  return { logger: createLogger({ service: 'portal-test', stream, level: 'info' }), lines };
}

describe('LandscapePoller', () => {
  it('polls every interval until stopped', async () => {
    let rounds = 0;
    const poller = new LandscapePoller({ apps: [app('a')], probe: async (a) => (rounds++, state(a, 'ready')), intervalMs: 50, deadlineMs: 40, logger: capturedLogger().logger });
    poller.start();
    await new Promise((resolve) => setTimeout(resolve, 230));
    await poller.stop();
    const seen = rounds;
    expect(seen).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(rounds).toBe(seen);
  });

  it('counts a probe that outlives its deadline, or throws, as unreachable, and still finishes the round', async () => {
    const probe = (a: WatchedApp) => (a.name === 'stuck' ? new Promise<AppState>(() => undefined) : a.name === 'broken' ? Promise.reject(new Error('token source failed')) : Promise.resolve(state(a, 'ready')));
    const poller = new LandscapePoller({ apps: [app('stuck'), app('broken'), app('fine')], probe, intervalMs: 1000, deadlineMs: 100, logger: capturedLogger().logger });
    const started = Date.now();
    await poller.pollOnce();
    expect(Date.now() - started).toBeLessThan(500);
    const view = poller.snapshot();
    expect(view.polledAt).not.toBeNull();
    expect(view.apps.map((a) => [a.name, a.status, a.error])).toEqual([
      ['stuck', 'unreachable', 'no answer within 100 ms'],
      ['broken', 'unreachable', 'token source failed'],
      ['fine', 'ready', null],
    ]);
  });

  it('logs each status change once, and sets the ready gauge', async () => {
    const { logger, lines } = capturedLogger();
    const registry = new Registry();
    let status: AppState['status'] = 'ready';
    const poller = new LandscapePoller({ apps: [app('a')], probe: async (a) => state(a, status), intervalMs: 1000, deadlineMs: 100, logger, registry });
    await poller.pollOnce();
    await poller.pollOnce();
    status = 'unreachable';
    await poller.pollOnce();
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.filter((l) => l['message'] === 'app status changed').map((l) => [l['from'], l['to'], l['level']])).toEqual([
      ['unknown', 'ready', 'info'],
      ['ready', 'unreachable', 'warn'],
    ]);
    expect(await registry.metrics()).toMatch(/strata_portal_app_ready\{app="a",layer="system"\} 0/);
  });
});
