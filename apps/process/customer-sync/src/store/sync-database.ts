import { migrate, type Database } from '@strata/persistence';
import { syncMigrations } from './sync.migrations';

/** Applies customer-sync's migrations; the same SQL runs on PGlite and PostgreSQL. */
export async function prepareSyncDatabase(db: Database): Promise<Database> {
  await migrate(db, syncMigrations);
  return db;
}
