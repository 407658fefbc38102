import request from 'supertest';
import { captureLogger } from '../__fixtures__/capture-logger';
import { createWidgetsApp } from '../__fixtures__/widgets.app';

describe('health and metrics', () => {
  it('is live without consulting dependencies', async () => {
    const { app } = createWidgetsApp({ logger: captureLogger().logger, checks: { db: () => Promise.reject(new Error('down')) } });
    expect((await request(app).get('/health/live')).status).toBe(200);
  });

  it('is ready when every check passes, and not ready naming the failing one', async () => {
    let dbUp = true;
    const { app } = createWidgetsApp({
      logger: captureLogger().logger,
      checks: { db: async () => { if (!dbUp) throw new Error('connection refused'); } },
    });
    const ready = await request(app).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', checks: { db: { status: 'up' } } });
    dbUp = false;
    const notReady = await request(app).get('/health/ready');
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({ status: 'not-ready', checks: { db: { status: 'down', error: 'connection refused' } } });
  });

  it('logs a probe only when its answer changes: not ready once at warn, ready again once at info', async () => {
    let dbUp = false;
    const { logger, lines } = captureLogger();
    const { app } = createWidgetsApp({ logger, checks: { db: async () => { if (!dbUp) throw new Error('connection refused'); } } });
    for (let i = 0; i < 5; i += 1) expect((await request(app).get('/health/ready')).status).toBe(503);
    dbUp = true;
    for (let i = 0; i < 3; i += 1) expect((await request(app).get('/health/ready')).status).toBe(200);
    await new Promise((resolve) => setImmediate(resolve));

    const probes = lines.filter((line) => line['route'] === '/health/ready');
    expect(probes.map((line) => [line['level'], line['status'], line['was']])).toEqual([
      ['warn', 503, 200],
      ['info', 200, 503],
    ]);
  });

  it('reports breaker states, and an open breaker degrades without failing readiness', async () => {
    const { app } = createWidgetsApp({
      logger: captureLogger().logger,
      breakers: () => [{ name: 'core-banking', state: 'open' }, { name: 'salesforce', state: 'closed' }],
    });
    const res = await request(app).get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('degraded');
    expect(res.body.breakers).toEqual([{ name: 'core-banking', state: 'open' }, { name: 'salesforce', state: 'closed' }]);
  });

  it('counts a hanging check as down after its timeout', async () => {
    const { app } = createWidgetsApp({ logger: captureLogger().logger, checks: { hang: () => new Promise(() => undefined) } });
    const res = await request(app).get('/health/ready');
    expect(res.status).toBe(503);
    expect(res.body.checks.hang.error).toMatch(/timed out/);
  }, 10_000);

  it('goes not-ready as soon as shutdown starts', async () => {
    const service = createWidgetsApp({ logger: captureLogger().logger });
    service.lifecycle.startDraining();
    const res = await request(service.app).get('/health/ready');
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('shutting-down');
  });

  it('exposes request durations by route pattern and status in Prometheus format', async () => {
    const { app } = createWidgetsApp({ logger: captureLogger().logger });
    await request(app).get('/v1/widgets/w-1');
    await request(app).get('/v1/widgets/nope');
    await request(app).get('/random/probe/123');
    const res = await request(app).get('/metrics');
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/strata_http_request_duration_seconds_count\{service="widgets",method="GET",route="\/v1\/widgets\/:id",status="200"\} 1/);
    expect(res.text).toMatch(/route="\/v1\/widgets\/:id",status="404"/);
    expect(res.text).toMatch(/route="\(unmatched\)",status="404"/);
    expect(res.text).not.toContain('/random/probe/123');
  });
});
