import { isLockContention } from './salesforce-errors';

/**
 * Retries a write that failed with UNABLE_TO_LOCK_ROW, with growing jittered delays.
 * Salesforce documents the error as transient; jsforce never retries POST or PATCH, so
 * this is the one place it happens. Other failures are rethrown at once.
 */
export async function withLockRetry<T>(write: () => Promise<T>, options: { attempts?: number; baseDelayMs?: number } = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  const base = options.baseDelayMs ?? 50;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (!isLockContention(error) || attempt >= attempts) throw error;
      const delay = base * 2 ** (attempt - 1) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
