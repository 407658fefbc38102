import { DEFAULT_RETRY } from './client-options';
import { AttemptFailure } from './error-mapping';
import { UPSTREAM_UNAVAILABLE_PROBLEM_TYPE, wasRetriedBelow } from './retried-below';
import { retryDelay, type RetryState } from './retry-policy';

const get: RetryState = { method: 'GET', repeatable: true, retries: 0, elapsedMs: 0 };
const answered = (status: number, body: unknown) => new AttemptFailure('status', 'x', { status, body, headers: {} });

describe('retries at one layer only', () => {
  it('does not retry a 503 or 504 in which the callee reports its own upstream unavailable', () => {
    for (const status of [503, 504]) {
      const failure = answered(status, { type: UPSTREAM_UNAVAILABLE_PROBLEM_TYPE, status, upstream: 'core-banking', reason: 'server-error' });
      expect(wasRetriedBelow(failure)).toBe(true);
      expect(retryDelay(failure, get, DEFAULT_RETRY)).toBeUndefined();
    }
  });

  it('still retries a gateway error of the callee itself: draining, restarting, or a proxy in between', () => {
    for (const body of [{ type: 'urn:strata:problem:service-unavailable', status: 503 }, { type: 'about:blank', status: 502 }, undefined, 'Bad Gateway']) {
      const failure = answered(503, body);
      expect(wasRetriedBelow(failure)).toBe(false);
      expect(retryDelay(failure, get, DEFAULT_RETRY)).toBeGreaterThan(0);
    }
  });

  it('leaves connection failures and timeouts to the usual policy', () => {
    expect(wasRetriedBelow(new AttemptFailure('connection', 'x', { code: 'ECONNRESET' }))).toBe(false);
    expect(wasRetriedBelow(new AttemptFailure('timeout', 'x'))).toBe(false);
  });
});
