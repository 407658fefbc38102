/**
 * @strata/persistence: one SQL interface over embedded PGlite or PostgreSQL, with
 * migrations and leases. See README.md for choosing a backend.
 */
export type { Database, DatabaseKind, QueryResult, Queryable, Session } from './lib/database';
export { openDatabase, type OpenDatabaseOptions } from './lib/open-database';
export { openPgliteDatabase, type PgliteDatabaseOptions } from './lib/pglite.database';
export { openPostgresDatabase, type PostgresDatabaseOptions } from './lib/postgres.database';
export { migrate, MigrationChangedError, DuplicateMigrationError, type Migration } from './lib/migrations';
export { tryAcquireLease, type Lease } from './lib/lease';
export { DEADLOCK_DETECTED, isConcurrencyConflict, isUniqueViolation, retryOnConflict, SERIALIZATION_FAILURE, type RetryOnConflictOptions, UNIQUE_VIOLATION } from './lib/sql-errors';
