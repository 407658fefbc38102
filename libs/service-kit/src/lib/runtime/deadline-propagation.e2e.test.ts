/**
 * Three real services in one process, the way a Strata chain is built: A (the edge)
 * calls B, which calls C. A waits 1 s for B; B would wait 5 s for C. C hangs. With the
 * caller's deadline propagated, B stops waiting for C when A's deadline is about to
 * pass (not after its own 5 s), closes C's socket so C can stop too, starts no retry,
 * and answers A while A still listens.
 */
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import request from 'supertest';
import { defineContract } from '@strata/contract-kit';
import { createContractClient } from '@strata/http-client';
import { captureLogger } from '../__fixtures__/capture-logger';
import { contractRouter } from '../http/contract-router';
import { createServiceApp } from './create-service-app';
import { RunningService, startService } from './start-service';

const answer = { 200: z.object({ answer: z.number() }) };
const cContract = defineContract({ name: 'service-c', title: 'C', version: '1' }, { slow: { method: 'get', path: '/v1/slow', summary: 'Hangs', responses: answer } });
const bContract = defineContract({ name: 'service-b', title: 'B', version: '1' }, { relay: { method: 'get', path: '/v1/relay', summary: 'Asks C', responses: answer } });
const aContract = defineContract({ name: 'service-a', title: 'A', version: '1' }, { ask: { method: 'get', path: '/v1/ask', summary: 'Asks B', responses: answer } });

/** A's own deadline for B, and B's own (much longer) timeout for C. */
const A_WAITS_MS = 1000;
const B_WAITS_MS = 5000;
/** B's margin: wider than the default 100 ms so a loaded CI machine cannot make B's answer arrive after A stopped waiting. */
const B_MARGIN_MS = 200;

describe('a deadline carried down A -> B -> C', () => {
  const logs = { a: captureLogger('service-a'), b: captureLogger('service-b'), c: captureLogger('service-c') };
  const seenByC: { deadline: string | undefined; at: number }[] = [];
  const abandonedAtC: number[] = [];
  const running: RunningService[] = [];
  let toC: ReturnType<typeof createContractClient<typeof cContract.routes>>;
  let toB: ReturnType<typeof createContractClient<typeof bContract.routes>>;
  let appA: ReturnType<typeof createServiceApp>['app'];

  beforeAll(async () => {
    const serviceC = createServiceApp({
      name: 'service-c',
      logger: logs.c.logger,
      routes: contractRouter(cContract, {
        // Hangs for 3 s, but stops (like a well-behaved service) once its caller hangs up.
        slow: ({ req, res }) =>
          new Promise((resolve) => {
            seenByC.push({ deadline: req.headers['x-request-deadline-ms'] as string | undefined, at: performance.now() });
            const timer = setTimeout(() => resolve({ status: 200, body: { answer: 42 } }), 3000);
            res.on('close', () => {
              if (res.writableEnded) return;
              abandonedAtC.push(performance.now());
              clearTimeout(timer);
              resolve({ status: 200, body: { answer: 0 } });
            });
          }),
      }),
    });
    running.push(await startService(serviceC, { port: 0, host: '127.0.0.1' }));
    // B keeps the default retry policy: a timed-out GET would be retried if the deadline allowed it.
    toC = createContractClient(cContract, { baseUrl: running[0]!.url, logger: logs.b.logger, timeoutMs: B_WAITS_MS, deadlineMarginMs: B_MARGIN_MS });
    const serviceB = createServiceApp({
      name: 'service-b',
      logger: logs.b.logger,
      routes: contractRouter(bContract, { relay: async () => ({ status: 200, body: await toC.slow() }) }),
    });
    running.push(await startService(serviceB, { port: 0, host: '127.0.0.1' }));
    toB = createContractClient(bContract, { baseUrl: running[1]!.url, logger: logs.a.logger, timeoutMs: A_WAITS_MS, retry: false });
    appA = createServiceApp({
      name: 'service-a',
      logger: logs.a.logger,
      routes: contractRouter(aContract, { ask: async () => ({ status: 200, body: await toB.relay() }) }),
    }).app;
  });

  afterAll(async () => {
    await Promise.all([toB.$client.shutdown(), toC.$client.shutdown()]);
    for (const service of running.reverse()) await service.shutdown();
  });

  it("B abandons the hanging C at A's deadline, not at its own 5 s timeout, and A gets B's answer in time", async () => {
    const started = performance.now();
    const res = await request(appA).get('/v1/ask');
    const answeredAt = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));

    // C was told how long B would wait: A's 1000 ms, less B's margin and the time already spent.
    expect(seenByC).toHaveLength(1);
    expect(Number(seenByC[0]?.deadline)).toBeLessThanOrEqual(A_WAITS_MS - B_MARGIN_MS);
    expect(Number(seenByC[0]?.deadline)).toBeGreaterThan(A_WAITS_MS - B_MARGIN_MS - 300);
    // B closed C's connection before A's deadline passed; without propagation it would have held it for 5 s.
    expect(abandonedAtC).toHaveLength(1);
    expect(abandonedAtC[0]! - started).toBeLessThan(A_WAITS_MS);
    expect(abandonedAtC[0]! - started).toBeGreaterThanOrEqual(A_WAITS_MS - B_MARGIN_MS - 300);
    // B answered A with its own problem (C timed out): A was still listening, so A reports B's answer, not its own timeout.
    const accessB = logs.b.lines.find((line) => line['message'] === 'request completed' && line['route'] === '/v1/relay');
    expect(accessB).toMatchObject({ status: 504 });
    expect(Number(accessB?.['durationMs'])).toBeLessThan(A_WAITS_MS);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:strata:problem:upstream-unavailable', upstream: 'service-b', reason: 'server-error' });
    expect(answeredAt).toBeLessThan(A_WAITS_MS + 200);
  });
});
