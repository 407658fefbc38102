import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite, types, type Results, type Transaction } from '@electric-sql/pglite';
import { discardTemplate, freshClusterTemplate } from './pglite-template';
import { guardQueryable, type Database, type QueryResult, type Queryable, type Session } from './database';

/** Where the embedded database keeps its files; in memory when omitted. */
export interface PgliteDatabaseOptions {
  /** A folder, created if missing. One process per folder: PGlite is single-process. */
  dataDir?: string;
}

/**
 * Opens the embedded PostgreSQL (WebAssembly, no server), so `npm start` and tests need
 * nothing installed. Same SQL as the server; one connection, so work is serialised.
 *
 * `int8` (bigint, `count(*)`) comes back as a string, as `pg` returns it, so code behaves
 * the same on both backends and large values never lose precision.
 */
export async function openPgliteDatabase(options: PgliteDatabaseOptions = {}): Promise<Database> {
  const dataDir = options.dataDir === undefined ? undefined : path.resolve(options.dataDir);
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const pglite = await createPglite(dataDir);
  const sessions = new Set<AbortController>();

  const runner = (target: PGlite | Transaction): Queryable => ({
    query: async <T>(sql: string, params?: readonly unknown[]) =>
      toResult(await target.query<T>(sql, params === undefined ? undefined : [...params])),
    exec: async (sql: string) => {
      await target.exec(sql);
    },
  });
  const shared = runner(pglite);

  return {
    kind: 'pglite',
    query: shared.query,
    exec: shared.exec,
    transaction: (fn) =>
      pglite.transaction(async (tx) => {
        let open = true;
        try {
          return await fn(guardQueryable(runner(tx), () => open, 'The transaction'));
        } finally {
          open = false;
        }
      }),
    openSession: async () => {
      if (pglite.closed) throw new Error('The database was closed; it cannot open a session');
      return openSharedSession(shared, sessions);
    },
    close: async () => {
      for (const session of sessions) session.abort(new Error('The database was closed'));
      sessions.clear();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * A new cluster is unpacked from the fresh-cluster template instead of running initdb
 * (see `freshClusterTemplate`); an existing data folder opens as it is. A template that
 * fails to load is dropped, so the next database is made the slow way; an in-memory
 * database is made that way at once. A data folder is left for its owner to look at:
 * what a failed unpack wrote there is not ours to delete.
 */
async function createPglite(dataDir: string | undefined): Promise<PGlite> {
  const parsers = { [types.INT8]: (value: string) => value };
  const isNew = dataDir === undefined || !existsSync(path.join(dataDir, 'PG_VERSION'));
  const template = isNew ? await freshClusterTemplate() : undefined;
  if (!template) return PGlite.create({ dataDir, parsers });
  try {
    return await PGlite.create({ dataDir, parsers, loadDataDir: template });
  } catch (error) {
    await discardTemplate();
    if (dataDir !== undefined) throw error;
    return PGlite.create({ parsers });
  }
}

/**
 * PGlite has one connection, so a session is that connection under another name; its
 * signal still reports release and close, which is all a lease needs in one process.
 */
function openSharedSession(shared: Queryable, sessions: Set<AbortController>): Session {
  const controller = new AbortController();
  sessions.add(controller);
  const session = guardQueryable(shared, () => !controller.signal.aborted, 'The session');
  return {
    ...session,
    signal: controller.signal,
    release: async () => {
      sessions.delete(controller);
      controller.abort(new Error('The session was released'));
    },
  };
}

function toResult<T>(result: Results<T>): QueryResult<T> {
  return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? 0 };
}
