import request from 'supertest';
import { buildPortal, watched } from '../__fixtures__/portal.harness';
import { startFakeApp, startHangingApp, SYNC_HEALTH, unreachableUrl, type FakeApp } from '../__fixtures__/fake-apps';
import type { ListeningServer } from '@strata/testing';
import type { AppState, LandscapeView } from './app-state';

describe('GET /api/landscape', () => {
  let readyApp: FakeApp;
  let notReadyApp: FakeApp;
  let syncApp: FakeApp;
  let hanging: ListeningServer;
  let portal: ReturnType<typeof buildPortal>;

  beforeAll(async () => {
    [readyApp, notReadyApp, syncApp, hanging] = await Promise.all([
      startFakeApp({ breakers: [{ name: 'core-banking', state: 'closed' }] }),
      startFakeApp({ ready: false }),
      startFakeApp({ syncHealth: SYNC_HEALTH, breakers: [{ name: 'system-core-banking', state: 'open' }] }),
      startHangingApp(),
    ]);
    portal = buildPortal(
      [
        watched('experience-stuck', 'experience', hanging.url, { calls: ['process-customer-sync'] }),
        watched('process-customer-sync', 'process', syncApp.url, { syncStatus: true, calls: ['system-core-banking'] }),
        watched('system-core-banking', 'system', readyApp.url, { calls: ['emulators-core-banking'] }),
        watched('system-card-platform', 'system', notReadyApp.url),
        watched('emulators-core-banking', 'emulator', await unreachableUrl()),
      ],
      { probeTimeoutMs: 300, getServiceToken: () => 'service-token-for-sync' },
    );
  });

  afterAll(async () => {
    await portal.close();
    await Promise.all([readyApp, notReadyApp, syncApp, hanging].map((server) => server.close()));
  });

  const byName = (view: LandscapeView) => new Map(view.apps.map((app) => [app.name, app] as const));

  it('lists every configured app as not checked yet before the first round', async () => {
    const res = await request(portal.app).get('/api/landscape').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.polledAt).toBeNull();
    expect(res.body.apps.map((a: AppState) => [a.name, a.layer, a.status])).toEqual([
      ['experience-stuck', 'experience', 'unknown'],
      ['process-customer-sync', 'process', 'unknown'],
      ['system-core-banking', 'system', 'unknown'],
      ['system-card-platform', 'system', 'unknown'],
      ['emulators-core-banking', 'emulator', 'unknown'],
    ]);
  });

  describe('after a round', () => {
    let apps: Map<string, AppState>;
    let roundMs: number;

    beforeAll(async () => {
      const started = Date.now();
      await portal.poller.pollOnce();
      roundMs = Date.now() - started;
      apps = byName((await request(portal.app).get('/api/landscape').expect(200)).body);
    });

    it('shows a ready app as ready, with its breakers and checks', () => {
      const app = apps.get('system-core-banking');
      expect(app).toMatchObject({ status: 'ready', error: null, breakers: [{ name: 'core-banking', state: 'closed' }], checks: { database: { status: 'up' } } });
      expect(app?.latencyMs).toEqual(expect.any(Number));
      expect(app?.calls).toEqual(['emulators-core-banking']);
    });

    it('shows an app whose own check fails as not ready, saying which check and why', () => {
      expect(apps.get('system-card-platform')).toMatchObject({ status: 'not-ready', error: 'database: database refused the connection', checks: { database: { status: 'down' } } });
    });

    it('shows an app nobody listens for as unreachable', () => {
      expect(apps.get('emulators-core-banking')).toMatchObject({ status: 'unreachable', latencyMs: null });
      expect(apps.get('emulators-core-banking')?.error).toMatch(/ECONNREFUSED/);
    });

    it('shows an app that never answers as unreachable after the probe timeout, without holding up the round', () => {
      expect(apps.get('experience-stuck')).toMatchObject({ status: 'unreachable' });
      expect(apps.get('experience-stuck')?.error).toMatch(/300 ms/);
      expect(roundMs).toBeLessThan(1500);
    });

    it("shows customer-sync's lag per feed and outbox and dead letters per system, degraded while a breaker is open", () => {
      const sync = apps.get('process-customer-sync');
      expect(sync?.status).toBe('degraded');
      expect(sync?.breakers).toEqual([{ name: 'system-core-banking', state: 'open' }]);
      expect(sync?.sync).toEqual({ health: SYNC_HEALTH, error: null });
    });

    it('sends the service token to the sync status only, never to the other apps', () => {
      expect(syncApp.requests.find((r) => r.path === '/v1/status')?.authorization).toBe('Bearer service-token-for-sync');
      expect(readyApp.requests.length).toBeGreaterThan(0);
      expect(readyApp.requests.every((r) => r.authorization === undefined)).toBe(true);
    });
  });

  it('answers from memory at once while a probe of a hanging app is in flight', async () => {
    const round = portal.poller.pollOnce();
    const started = Date.now();
    await request(portal.app).get('/api/landscape').expect(200);
    expect(Date.now() - started).toBeLessThan(250);
    await round;
  });

  it('sees an app come back on the next round', async () => {
    notReadyApp.options.ready = true;
    await portal.poller.pollOnce();
    const apps = byName((await request(portal.app).get('/api/landscape')).body);
    expect(apps.get('system-card-platform')).toMatchObject({ status: 'ready', error: null });
  });

  it('reports the portal as degraded while its probe breakers to dead apps are open, and says so on the app', async () => {
    for (let i = 0; i < 5; i += 1) await portal.poller.pollOnce();
    const res = await request(portal.app).get('/health/ready').expect(200);
    expect(res.body.status).toBe('degraded');
    expect(res.body.breakers).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'emulators-core-banking', state: 'open' })]));
    const apps = byName((await request(portal.app).get('/api/landscape')).body);
    expect(apps.get('emulators-core-banking')).toMatchObject({ status: 'unreachable', error: expect.stringMatching(/^no answer in the last rounds; probing again within \d+ s$/) });
  });
});

describe('GET /api/landscape when customer-sync answers no status', () => {
  it('keeps the app ready and says why the sync status is missing', async () => {
    const app = await startFakeApp();
    const portal = buildPortal([watched('process-customer-sync', 'process', app.url, { syncStatus: true })]);
    try {
      await portal.poller.pollOnce();
      const [state] = (await request(portal.app).get('/api/landscape')).body.apps as AppState[];
      expect(state).toMatchObject({ status: 'ready', sync: { health: null } });
      expect(state?.sync?.error).toMatch(/404/);
    } finally {
      await portal.close();
      await app.close();
    }
  });
});
