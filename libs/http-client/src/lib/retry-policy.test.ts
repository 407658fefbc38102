import { DEFAULT_RETRY } from './client-options';
import { AttemptFailure } from './error-mapping';
import { backoffDelay, isRepeatable, retryDelay, RetryBudget, type RetryState } from './retry-policy';

const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000, maxTotalMs: 3000, maxRetries: 3 };
const get: RetryState = { method: 'GET', repeatable: true, retries: 0, elapsedMs: 0 };
const status = (code: number, headers: Record<string, string> = {}) => new AttemptFailure('status', 'x', { status: code, headers });

describe('backoffDelay', () => {
  it('grows exponentially with half of each step jittered, capped at maxDelayMs', () => {
    expect([0, 1, 2].map((n) => backoffDelay(n, policy, () => 0))).toEqual([50, 100, 200]);
    expect([0, 1, 2].map((n) => backoffDelay(n, policy, () => 1))).toEqual([100, 200, 400]);
    expect(backoffDelay(10, policy, () => 1)).toBe(1000);
  });

  it('is random within its step by default, so callers that failed together spread out', () => {
    const delays = Array.from({ length: 20 }, () => backoffDelay(1, policy));
    expect(new Set(delays).size).toBeGreaterThan(10);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...delays)).toBeLessThanOrEqual(200);
  });
});

describe('retryDelay', () => {
  it('retries safe methods on gateway errors, resets, refusals and timeouts', () => {
    for (const failure of [
      status(502),
      status(503),
      status(504),
      new AttemptFailure('connection', 'x', { code: 'ECONNRESET' }),
      new AttemptFailure('connection', 'x', { code: 'ECONNREFUSED' }),
      new AttemptFailure('timeout', 'x'),
    ]) {
      expect(retryDelay(failure, get, policy)).toBeGreaterThan(0);
    }
  });

  it('does not retry answers that will not change: 500, 4xx, DNS failures', () => {
    for (const failure of [status(500), status(400), status(409), new AttemptFailure('connection', 'x', { code: 'ENOTFOUND' })]) {
      expect(retryDelay(failure, get, policy)).toBeUndefined();
    }
  });

  it('never repeats what is not repeatable, and repeats a timed-out write only if it is a safe method', () => {
    expect(retryDelay(status(503), { ...get, method: 'POST', repeatable: false }, policy)).toBeUndefined();
    expect(retryDelay(status(503), { ...get, method: 'POST', repeatable: true }, policy)).toBeDefined();
    expect(retryDelay(new AttemptFailure('timeout', 'x'), { ...get, method: 'POST', repeatable: true }, policy)).toBeUndefined();
  });

  it('stops at maxRetries and when the retry would start after maxTotalMs', () => {
    expect(retryDelay(status(503), { ...get, retries: 3 }, policy)).toBeUndefined();
    expect(retryDelay(status(503), { ...get, elapsedMs: 2990 }, policy)).toBeUndefined();
  });

  it('waits out a 429 Retry-After only when it fits in maxTotalMs', () => {
    expect(retryDelay(status(429, { 'retry-after': '2' }), get, policy)).toBe(2000);
    expect(retryDelay(status(429, { 'retry-after': '5' }), get, policy)).toBeUndefined();
    expect(retryDelay(status(429), get, policy)).toBeUndefined();
    expect(retryDelay(status(503, { 'retry-after': '2' }), get, policy)).toBe(2000);
  });
});

describe('isRepeatable', () => {
  it('accepts safe methods, an idempotency key, or a route marked idempotent', () => {
    expect(isRepeatable('get', {}, undefined)).toBe(true);
    expect(isRepeatable('POST', {}, undefined)).toBe(false);
    expect(isRepeatable('POST', { 'idempotency-key': 'k-123456' }, undefined)).toBe(true);
    expect(isRepeatable('PUT', {}, true)).toBe(true);
  });
});

describe('RetryBudget', () => {
  it('allows the floor even without traffic, then a share of the requests', () => {
    const budget = new RetryBudget(0.2, 2);
    const now = 1_000_000;
    expect([budget.tryWithdraw(now), budget.tryWithdraw(now), budget.tryWithdraw(now)]).toEqual([true, true, false]);
    for (let i = 0; i < 20; i++) budget.recordRequest(now);
    expect([budget.tryWithdraw(now), budget.tryWithdraw(now), budget.tryWithdraw(now)]).toEqual([true, true, false]);
    expect(budget.totals(now)).toEqual({ requests: 20, retries: 4 });
  });

  it('forgets what happened more than 10 s ago', () => {
    const budget = new RetryBudget(0.2, 1);
    budget.tryWithdraw(0);
    expect(budget.tryWithdraw(5_000)).toBe(false);
    expect(budget.tryWithdraw(10_500)).toBe(true);
    expect(budget.totals(10_500)).toEqual({ requests: 0, retries: 1 });
  });
});
