/** SQLSTATE for a unique or primary-key violation, reported alike by PGlite and `pg`. */
export const UNIQUE_VIOLATION = '23505';

/**
 * Whether an error is a unique violation, so callers can turn a duplicate insert into a
 * conflict (or an idempotent no-op) without knowing which backend raised it.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}
