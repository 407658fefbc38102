import {
  ConflictError,
  NotFoundError,
  StrataError,
  TooManyRequestsError,
  UpstreamUnavailableError,
  ValidationError,
} from '../index';

describe('the error family', () => {
  it('names each error after its class so middleware can map it without instanceof', () => {
    expect(new NotFoundError('no such customer').name).toBe('NotFoundError');
    expect(new ConflictError('duplicate').name).toBe('ConflictError');
    expect(new ValidationError('bad').name).toBe('ValidationError');
  });

  it('keeps the cause so logs show the original failure', () => {
    const root = new Error('socket hang up');
    const error = new UpstreamUnavailableError('core banking unavailable', {
      upstream: 'core-banking',
      reason: 'connection',
      cause: root,
    });
    expect(error.cause).toBe(root);
    expect(error).toBeInstanceOf(StrataError);
    expect(error.reason).toBe('connection');
  });

  it('carries every field error of a validation failure', () => {
    const error = new ValidationError('invalid body', [
      { path: 'body.email', message: 'Invalid email' },
      { path: 'body.birthDate', message: 'Required' },
    ]);
    expect(error.fieldErrors.map((f) => f.path)).toEqual(['body.email', 'body.birthDate']);
  });

  it('tells a rate-limited caller when to come back', () => {
    expect(new TooManyRequestsError('slow down', { retryAfterSeconds: 30 }).retryAfterSeconds).toBe(30);
  });
});
