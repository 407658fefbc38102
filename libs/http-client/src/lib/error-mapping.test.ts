import { UpstreamError, UpstreamUnavailableError } from '@strata/errors';
import { AxiosError, isAxiosError } from 'axios';
import { AttemptFailure, classifyError, errorForAnswer, isHealthyFailure, parseRetryAfter, toPublicError } from './error-mapping';

const context = { upstream: 'crm', breakerRetryAfterSeconds: () => 4 };

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and ignores nonsense', () => {
    const now = Date.parse('2024-05-01T10:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:12 GMT', now)).toBe(12);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('toPublicError', () => {
  it('maps each unavailable condition to its reason', () => {
    const reasonOf = (failure: AttemptFailure) => (toPublicError(failure, context) as UpstreamUnavailableError).reason;
    expect(reasonOf(new AttemptFailure('timeout', 't'))).toBe('timeout');
    expect(reasonOf(new AttemptFailure('connection', 'c', { code: 'ECONNRESET' }))).toBe('connection');
    expect(reasonOf(new AttemptFailure('bulkhead-full', 'b'))).toBe('bulkhead-full');
    expect(reasonOf(new AttemptFailure('status', 's', { status: 500 }))).toBe('server-error');
    expect(toPublicError(new AttemptFailure('breaker-open', 'o'), context)).toMatchObject({ reason: 'breaker-open', retryAfterSeconds: 4 });
  });

  it("keeps a 5xx answer's status, so a caller can tell 'unavailable' (503) from 'failed on this request' (500)", () => {
    expect(toPublicError(new AttemptFailure('status', 's', { status: 503 }), context)).toMatchObject({ reason: 'server-error', upstreamStatus: 503 });
    expect(toPublicError(new AttemptFailure('status', 's', { status: 500 }), context)).toMatchObject({ reason: 'server-error', upstreamStatus: 500 });
  });

  it("keeps a 429's Retry-After, so a caller can wait as long as the upstream asked", () => {
    const error = toPublicError(new AttemptFailure('status', 's', { status: 429, headers: { 'retry-after': '120' } }), context);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ upstreamStatus: 429, retryAfterSeconds: 120 });
  });

  it('keeps status and problem body of any other answer, and passes local errors through', () => {
    const body = { type: 'about:blank', title: 'Unprocessable', status: 422 };
    const error = toPublicError(new AttemptFailure('status', 's', { status: 422, body }), context);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ upstreamStatus: 422, upstreamBody: body, message: 'crm answered 422 (Unprocessable)' });
    const mine = new TypeError('bug in an interceptor');
    expect(toPublicError(new AttemptFailure('local', 'x', { cause: mine }), context)).toBe(mine);
  });
});

describe('errorForAnswer', () => {
  it("turns one item's status and problem into the error its single call would raise, Retry-After from the problem", () => {
    const stale = errorForAnswer('bank', 412, { title: 'The resource has changed', status: 412 });
    expect(stale).toBeInstanceOf(UpstreamError);
    expect(stale).toMatchObject({ upstream: 'bank', upstreamStatus: 412, upstreamBody: { status: 412 } });
    const paced = errorForAnswer('bank', 429, { status: 429, retryAfterSeconds: 7 });
    expect(paced).toMatchObject({ upstreamStatus: 429, retryAfterSeconds: 7 });
    const down = errorForAnswer('bank', 503, { status: 503, retryAfterSeconds: 2 });
    expect(down).toBeInstanceOf(UpstreamUnavailableError);
    expect(down).toMatchObject({ reason: 'server-error', upstreamStatus: 503, retryAfterSeconds: 2 });
  });
});

describe('classifyError', () => {
  it('tells connection failures from requests that were never sent, and strips the axios error', () => {
    const reset = classifyError(new AxiosError('socket hang up', 'ECONNRESET'), false, 100);
    expect(reset).toMatchObject({ kind: 'connection', detail: { code: 'ECONNRESET' } });
    expect(isAxiosError(reset.detail.cause)).toBe(false);
    expect(classifyError(new AxiosError('bad url', 'ERR_INVALID_URL'), false, 100).kind).toBe('local');
    expect(classifyError(new AxiosError('canceled', 'ERR_CANCELED'), true, 100).kind).toBe('timeout');
  });
});

describe('isHealthyFailure', () => {
  it('is true only for 4xx answers and local errors, which must not trip the breaker', () => {
    expect(isHealthyFailure(new AttemptFailure('status', 's', { status: 404 }))).toBe(true);
    expect(isHealthyFailure(new AttemptFailure('local', 'l'))).toBe(true);
    expect(isHealthyFailure(new AttemptFailure('status', 's', { status: 503 }))).toBe(false);
    expect(isHealthyFailure(new AttemptFailure('timeout', 't'))).toBe(false);
    expect(isHealthyFailure(new Error('other'))).toBe(false);
  });
});
