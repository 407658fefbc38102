/** SQLSTATE for a unique or primary-key violation, reported alike by PGlite and `pg`. */
export const UNIQUE_VIOLATION = '23505';
/** SQLSTATE PostgreSQL aborts one transaction of a lock cycle with. */
export const DEADLOCK_DETECTED = '40P01';
/** SQLSTATE for a transaction that could not be serialized with a concurrent one. */
export const SERIALIZATION_FAILURE = '40001';

const codeOf = (error: unknown): unknown => (typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined);

/**
 * Whether an error is a unique violation, so callers can turn a duplicate insert into a
 * conflict (or an idempotent no-op) without knowing which backend raised it.
 */
export function isUniqueViolation(error: unknown): boolean {
  return codeOf(error) === UNIQUE_VIOLATION;
}

/**
 * Whether the database aborted the work only because of a concurrent transaction (a
 * deadlock victim, a serialization failure): the same work run again is expected to
 * succeed. Only PostgreSQL raises these; PGlite runs one transaction at a time.
 */
export function isConcurrencyConflict(error: unknown): boolean {
  const code = codeOf(error);
  return code === DEADLOCK_DETECTED || code === SERIALIZATION_FAILURE;
}

/** How {@link retryOnConflict} retries. */
export interface RetryOnConflictOptions {
  /** Runs in all, the first included. Default 4. */
  attempts?: number;
  /**
   * Other errors that mean "a concurrent transaction got there first" for this work,
   * e.g. {@link isUniqueViolation} where two transactions may insert the same new key
   * and the loser, run again, finds the winner's row.
   */
  alsoRetry?: (error: unknown) => boolean;
  random?: () => number;
}

/**
 * Runs `work` (one statement, or a whole transaction) again when PostgreSQL aborted it
 * as a deadlock victim or a serialization failure, up to `attempts` times in all, after
 * a short random pause so the two sides do not collide again in step. The work must be
 * safe to repeat: an aborted transaction wrote nothing, so a transaction or single
 * statement is. Any other error, or the last conflict, is thrown.
 */
export async function retryOnConflict<T>(work: () => Promise<T>, options: RetryOnConflictOptions = {}): Promise<T> {
  const { attempts = 4, alsoRetry, random = Math.random } = options;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !(isConcurrencyConflict(error) || alsoRetry?.(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + random() * 20 * attempt));
    }
  }
}
