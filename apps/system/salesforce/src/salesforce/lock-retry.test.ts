import { withLockRetry } from './lock-retry';

const locked = { errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' };

/** A write that fails with `failures` in turn, then succeeds; counts its calls. */
function flakyWrite(failures: unknown[]) {
  const write = jest.fn(async () => {
    const failure = failures[write.mock.calls.length - 1];
    if (failure !== undefined) throw failure;
    return 'written';
  });
  return write;
}

describe('retrying a write that met a locked row', () => {
  it('repeats the write until the row is free, and it lands once', async () => {
    const write = flakyWrite([locked, locked]);
    await expect(withLockRetry(write, { baseDelayMs: 1 })).resolves.toBe('written');
    expect(write).toHaveBeenCalledTimes(3);
  });

  it('gives up after the last attempt with the lock error', async () => {
    const write = flakyWrite([locked, locked, locked]);
    await expect(withLockRetry(write, { attempts: 3, baseDelayMs: 1 })).rejects.toBe(locked);
    expect(write).toHaveBeenCalledTimes(3);
  });

  it('never repeats any other failure', async () => {
    const limit = { errorCode: 'REQUEST_LIMIT_EXCEEDED' };
    const write = flakyWrite([limit]);
    await expect(withLockRetry(write, { baseDelayMs: 1 })).rejects.toBe(limit);
    expect(write).toHaveBeenCalledTimes(1);
  });
});
