import type { Database } from './database';
import { openPgliteDatabase } from './pglite.database';
import { openPostgresDatabase } from './postgres.database';

/** How `openDatabase` picks and configures its backend. */
export interface OpenDatabaseOptions {
  /** `postgres://...` (usually `DATABASE_URL`): use that server. Wins over `dataDir`. */
  url?: string;
  /** PGlite's folder when there is no `url`; created if missing. */
  dataDir?: string;
  /** PostgreSQL pool size (default 10); ignored by PGlite, which has one connection. */
  poolSize?: number;
  /** Told about errors on idle pooled PostgreSQL connections (see `openPostgresDatabase`). */
  onPoolError?: (error: Error) => void;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * Opens the database an app was configured with. A `url` means a real PostgreSQL, which
 * replicas can share and which survives any one container; without one the app runs on
 * embedded PGlite, so `npm start` and tests need no server: in `dataDir` when state must
 * survive a restart, in memory when it need not. The SQL and migrations are the same.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const { url, dataDir, poolSize, onPoolError } = options;
  if (url !== undefined && url !== '') {
    if (!POSTGRES_URL.test(url)) {
      throw new Error('Database url must start with postgres:// or postgresql:// (use dataDir for PGlite)');
    }
    return openPostgresDatabase({ url, poolSize, onPoolError });
  }
  return openPgliteDatabase({ dataDir });
}
