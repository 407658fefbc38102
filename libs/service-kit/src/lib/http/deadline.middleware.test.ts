import { Router } from 'express';
import request from 'supertest';
import { remainingDeadlineMs } from '@strata/logging';
import { captureLogger } from '../__fixtures__/capture-logger';
import { createServiceApp } from '../runtime/create-service-app';

const flush = () => new Promise((resolve) => setImmediate(resolve));

/** An app whose one route reports the time its caller said it had left, as the request context holds it. */
function deadlineApp() {
  const { logger, lines } = captureLogger();
  let handled = 0;
  const leftAfterAnswer: (number | undefined)[] = [];
  const routes = Router().get('/v1/left', async (_req, res) => {
    handled += 1;
    await new Promise((resolve) => setTimeout(resolve, 20));
    res.json({ left: remainingDeadlineMs() ?? null });
    // Work the request leaves running after its answer.
    setTimeout(() => leftAfterAnswer.push(remainingDeadlineMs()), 30);
  });
  const { app } = createServiceApp({ name: 'deadlines', logger, routes });
  return { app, lines, handled: () => handled, leftAfterAnswer };
}

describe("the caller's deadline", () => {
  it('is read into the request context, where it counts down while the request is served', async () => {
    const { app } = deadlineApp();
    const res = await request(app).get('/v1/left').set('x-request-deadline-ms', '1500');
    expect(res.status).toBe(200);
    // The handler waited 20 ms before reading it.
    expect(res.body.left).toBeLessThanOrEqual(1480);
    expect(res.body.left).toBeGreaterThan(1000);
  });

  it('ends with the response: work the request leaves running is not cut short by a caller who has its answer', async () => {
    const { app, leftAfterAnswer } = deadlineApp();
    const res = await request(app).get('/v1/left').set('x-request-deadline-ms', '1500');
    expect(res.body.left).toBeGreaterThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(leftAfterAnswer).toEqual([undefined]);
  });

  it('is absent when the caller sends none: the request runs as it always did', async () => {
    const { app } = deadlineApp();
    const res = await request(app).get('/v1/left');
    expect(res.status).toBe(200);
    expect(res.body.left).toBeNull();
  });

  it('is capped at 60 s however long the caller claims to wait', async () => {
    const { app } = deadlineApp();
    const res = await request(app).get('/v1/left').set('x-request-deadline-ms', '86400000');
    expect(res.body.left).toBeLessThanOrEqual(60_000);
    expect(res.body.left).toBeGreaterThan(59_000);
  });

  it.each(['0', '-25'])('refuses a request whose caller has already given up (%s) with 504 problem+json, before any work', async (value) => {
    const { app, lines, handled } = deadlineApp();
    const res = await request(app).get('/v1/left').set('x-request-deadline-ms', value).set('x-correlation-id', 'late-1');
    await flush();
    expect(res.status).toBe(504);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:strata:problem:deadline-exceeded', status: 504, correlationId: 'late-1', instance: '/v1/left' });
    expect(handled()).toBe(0);
    // Counted and logged like any other answer; not an error of this service.
    expect(lines.find((l) => l['message'] === 'request completed')).toMatchObject({ status: 504, correlationId: 'late-1' });
    expect(lines.some((l) => l['message'] === 'unhandled error')).toBe(false);
  });

  it.each(['soon', '1.5', '12ms', '', '100, 200'])('ignores a malformed value (%p) rather than refusing the request', async (value) => {
    const { app, handled } = deadlineApp();
    const res = await request(app).get('/v1/left').set('x-request-deadline-ms', value);
    expect(res.status).toBe(200);
    expect(res.body.left).toBeNull();
    expect(handled()).toBe(1);
  });
});
