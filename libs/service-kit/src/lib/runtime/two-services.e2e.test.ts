/**
 * Two real services, the way every Strata layer talks to the next: A serves a route by
 * calling B through the contract client. Proves correlation across services and what
 * the edge answers when the upstream's breaker opens.
 */
import { z } from 'zod';
import request from 'supertest';
import { defineContract } from '@strata/contract-kit';
import { createContractClient, UPSTREAM_UNAVAILABLE_PROBLEM_TYPE } from '@strata/http-client';
import { captureLogger } from '../__fixtures__/capture-logger';
import { contractRouter } from '../http/contract-router';
import { createServiceApp } from './create-service-app';
import { RunningService, startService } from './start-service';

const bContract = defineContract(
  { name: 'service-b', title: 'B', version: '1' },
  { getAnswer: { method: 'get', path: '/v1/answer', summary: 'The answer', responses: { 200: z.object({ answer: z.number() }) } } },
);
const aContract = defineContract(
  { name: 'service-a', title: 'A', version: '1' },
  { ask: { method: 'get', path: '/v1/ask', summary: 'Asks B', responses: { 200: z.object({ fromB: z.number() }) } } },
);

describe('service A calling service B', () => {
  const a = captureLogger('service-a');
  const b = captureLogger('service-b');
  const seenByB: (string | undefined)[] = [];
  let bUp = true;
  let runningB: RunningService;
  let client: ReturnType<typeof createContractClient<typeof bContract.routes>>;
  let appA: ReturnType<typeof createServiceApp>['app'];

  beforeAll(async () => {
    const serviceB = createServiceApp({
      name: 'service-b',
      logger: b.logger,
      routes: contractRouter(bContract, {
        getAnswer: ({ req }) => {
          seenByB.push(req.headers['x-correlation-id'] as string | undefined);
          if (!bUp) throw new Error('B is failing');
          return { status: 200, body: { answer: 42 } };
        },
      }),
    });
    runningB = await startService(serviceB, { port: 0, host: '127.0.0.1' });
    client = createContractClient(bContract, {
      baseUrl: runningB.url,
      logger: a.logger,
      retry: false,
      consecutiveFailuresToOpen: 3,
      resetTimeoutMs: 30_000,
    });
    appA = createServiceApp({
      name: 'service-a',
      logger: a.logger,
      breakers: () => [client.$client.snapshot()],
      routes: contractRouter(aContract, {
        ask: async () => ({ status: 200, body: { fromB: (await client.getAnswer()).answer } }),
      }),
    }).app;
  });

  afterAll(async () => {
    await client.$client.shutdown();
    await runningB.shutdown();
  });

  it('carries one correlation id through both services and back to the caller', async () => {
    const res = await request(appA).get('/v1/ask');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ fromB: 42 });
    const id = res.headers['x-correlation-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(seenByB.at(-1)).toBe(id);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const accessA = a.lines.filter((l) => l['message'] === 'request completed' && l['route'] === '/v1/ask');
    const accessB = b.lines.filter((l) => l['message'] === 'request completed' && l['route'] === '/v1/answer');
    expect(accessA.at(-1)?.['correlationId']).toBe(id);
    expect(accessB.at(-1)?.['correlationId']).toBe(id);
  });

  it('answers 503 problem+json with Retry-After once B fails and its breaker opens', async () => {
    bUp = false;
    const failures = [];
    for (let i = 0; i < 3; i += 1) failures.push((await request(appA).get('/v1/ask')).status);
    expect(failures.every((status) => status === 503)).toBe(true);
    const callsBefore = seenByB.length;
    const started = performance.now();
    const res = await request(appA).get('/v1/ask');
    expect(performance.now() - started).toBeLessThan(100);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The type http-client callers read to skip a second layer of retries: the two libraries must agree on it.
    expect(res.body).toMatchObject({ type: UPSTREAM_UNAVAILABLE_PROBLEM_TYPE, upstream: 'service-b', reason: 'breaker-open' });
    expect(UPSTREAM_UNAVAILABLE_PROBLEM_TYPE).toBe('urn:strata:problem:upstream-unavailable');
    expect(seenByB.length).toBe(callsBefore);
    const ready = await request(appA).get('/health/ready');
    expect(ready.body).toMatchObject({ status: 'degraded', breakers: [{ name: 'service-b', state: 'open' }] });
  });
});
