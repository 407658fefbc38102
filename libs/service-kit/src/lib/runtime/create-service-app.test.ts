import request from 'supertest';
import { captureLogger } from '../__fixtures__/capture-logger';
import { createWidgetsApp } from '../__fixtures__/widgets.app';

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('a service built with createServiceApp', () => {
  describe('correlation', () => {
    it('keeps the caller id, echoes it, and puts it on the access line', async () => {
      const { logger, lines } = captureLogger();
      const { app } = createWidgetsApp({ logger });
      const res = await request(app).get('/v1/widgets/w-1').set('x-correlation-id', 'edge-42');
      await flush();
      expect(res.headers['x-correlation-id']).toBe('edge-42');
      const access = lines.find((l) => l['message'] === 'request completed');
      expect(access).toMatchObject({ correlationId: 'edge-42', method: 'GET', route: '/v1/widgets/:id', status: 200 });
      expect(typeof access?.['durationMs']).toBe('number');
    });

    it('creates an id at the edge when the caller sends none', async () => {
      const { app } = createWidgetsApp({ logger: captureLogger().logger });
      const res = await request(app).get('/v1/widgets/w-1');
      expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('errors as problem+json', () => {
    it('answers an unknown route with 404 problem+json', async () => {
      const { app } = createWidgetsApp({ logger: captureLogger().logger });
      const res = await request(app).get('/v1/nothing-here').set('x-correlation-id', 'c-404');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, type: 'urn:strata:problem:not-found', instance: '/v1/nothing-here', correlationId: 'c-404' });
    });

    it('names every bad field of an invalid body and creates nothing', async () => {
      const { app } = createWidgetsApp({ logger: captureLogger().logger });
      const res = await request(app).post('/v1/widgets').send({ name: '', size: 'big' });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.name', 'body.size']);
      expect((await request(app).get('/v1/widgets/w-2')).status).toBe(404);
    });

    it('rejects malformed JSON and oversized bodies with problems naming the body', async () => {
      const { app } = createWidgetsApp({ logger: captureLogger().logger });
      const malformed = await request(app).post('/v1/widgets').set('content-type', 'application/json').send('{"name":');
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0].path).toBe('body');
      const huge = await request(app).post('/v1/widgets').send({ name: 'x'.repeat(5000), size: 1 });
      expect(huge.status).toBe(413);
    });

    it('hides the message and stack of an unexpected throw in production, and logs it', async () => {
      const { logger, lines } = captureLogger();
      const { app } = createWidgetsApp({ logger, production: true });
      const res = await request(app).get('/v1/widgets/boom');
      await flush();
      expect(res.status).toBe(500);
      expect(res.body.detail).toBe('An unexpected error occurred.');
      expect(JSON.stringify(res.body)).not.toMatch(/hunter2|stack|at /);
      const logged = lines.find((l) => l['message'] === 'unhandled error');
      expect(logged).toBeDefined();
      expect(JSON.stringify(logged)).not.toContain('hunter2');
    });

    it('shows debugging detail for an unexpected throw outside production', async () => {
      const { app } = createWidgetsApp({ logger: captureLogger().logger, production: false });
      const res = await request(app).get('/v1/widgets/boom');
      expect(res.status).toBe(500);
      expect(res.body.debug.stack).toContain('widgets.app');
    });

    it('turns an open upstream breaker into 503 with Retry-After', async () => {
      const { app } = createWidgetsApp({ logger: captureLogger().logger });
      const res = await request(app).get('/v1/widgets/upstream-down');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('7');
      expect(res.body).toMatchObject({ upstream: 'core-banking', reason: 'breaker-open', retryAfterSeconds: 7 });
    });

    it('refuses to send a response that breaks its own contract outside production', async () => {
      const { app } = createWidgetsApp({ logger: captureLogger().logger });
      const res = await request(app).get('/v1/widgets/drift');
      expect(res.status).toBe(500);
      expect(res.body.debug.message).toMatch(/answered outside its contract: response.name/);
    });
  });

  it('sets security headers', async () => {
    const { app } = createWidgetsApp({ logger: captureLogger().logger });
    const res = await request(app).get('/v1/widgets/w-1');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('serves its OpenAPI document from the contract', async () => {
    const { app } = createWidgetsApp({ logger: captureLogger().logger });
    const res = await request(app).get('/openapi.json');
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/v1/widgets/{id}', '/v1/widgets']));
  });
});
