import { Registry } from 'prom-client';
import { OrgLimits } from './org-limits';

const limitExceeded = { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' };

describe('the org API allowance tracker', () => {
  let now: number;
  const limits = (pauseSeconds?: number) => new OrgLimits(new Registry(), { pauseSeconds, clock: () => now });
  beforeEach(() => {
    now = 1_767_261_600_000;
  });

  it('opens for the configured pause after REQUEST_LIMIT_EXCEEDED and tells callers how long is left', () => {
    const tracker = limits(20);
    tracker.observeFailure(limitExceeded);
    expect(tracker.snapshot()).toEqual({ name: 'salesforce-api-allowance', state: 'open' });
    expect(tracker.retryAfterSeconds()).toBe(20);
    now += 12_500;
    expect(tracker.retryAfterSeconds()).toBe(8);
    now += 7_500;
    expect(tracker.snapshot().state).toBe('closed');
    expect(tracker.retryAfterSeconds()).toBe(1);
  });

  it('pauses for 5 minutes by default', () => {
    const tracker = limits();
    tracker.observeFailure(limitExceeded);
    expect(tracker.retryAfterSeconds()).toBe(300);
  });

  it('refuses calls while the pause runs, with the Retry-After left, and lets the first call after it through', () => {
    const tracker = limits(20);
    expect(() => tracker.refuseWhileSpent()).not.toThrow();
    tracker.observeFailure(limitExceeded);
    now += 5_000;
    expect(() => tracker.refuseWhileSpent()).toThrow(expect.objectContaining({ name: 'TooManyRequestsError', retryAfterSeconds: 15 }));
    now += 15_000;
    expect(() => tracker.refuseWhileSpent()).not.toThrow();
  });

  it('ignores every other failure', () => {
    const tracker = limits(20);
    tracker.observeFailure({ errorCode: 'UNABLE_TO_LOCK_ROW' });
    tracker.observeFailure(new Error('socket hang up'));
    expect(tracker.snapshot().state).toBe('closed');
  });
});
