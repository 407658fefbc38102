import { Client, Pool, type ClientBase } from 'pg';
import { guardQueryable, type Database, type QueryResult, type Queryable, type Session } from './database';

/** How to reach the server and how many connections this process may hold. */
export interface PostgresDatabaseOptions {
  /** `postgres://user:password@host:port/database`. */
  url: string;
  /** Pooled connections (default 10); sessions (leases) use connections of their own. */
  poolSize?: number;
  /**
   * Told about errors on idle pooled connections (the server restarted, the network
   * dropped). The pool already discards such a connection and opens a new one on the next
   * query, so the default ignores them; without any handler `pg` would crash the process.
   */
  onPoolError?: (error: Error) => void;
}

/**
 * Opens a pool on a real PostgreSQL: what replicas share in production, where state must
 * outlive any one container. Runs one query first, so a wrong URL or a server that is down
 * fails here, at start-up, rather than on the first request.
 */
export async function openPostgresDatabase(options: PostgresDatabaseOptions): Promise<Database> {
  const pool = new Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  pool.on('error', (error) => options.onPoolError?.(error));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const sessions = new Set<Session>();
  const shared = clientRunner(pool);
  let closed = false;

  return {
    kind: 'postgres',
    query: shared.query,
    exec: shared.exec,
    transaction: (fn) => runTransaction(pool, fn),
    openSession: async (label) => {
      if (closed) throw new Error('The database was closed; it cannot open a session');
      const session = await openDedicatedSession(options.url, label, () => sessions.delete(session));
      sessions.add(session);
      if (closed) await session.release(); // close() ran while this one was connecting
      return session;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([...sessions].map((session) => session.release()));
      await pool.end();
    },
  };
}

/** One pooled client per transaction: BEGIN, `fn`, COMMIT; ROLLBACK and rethrow on error. */
async function runTransaction<T>(pool: Pool, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let open = true;
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(guardQueryable(clientRunner(client), () => open, 'The transaction'));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError; // the connection is unusable: destroy it rather than pool it
    });
    throw error;
  } finally {
    open = false;
    client.release(broken);
  }
}

/**
 * A connection outside the pool, so session state (an advisory lock) lives exactly as
 * long as the session and never reaches another borrower. `keepAlive` lets the OS notice
 * a dead peer, so the signal fires when the lease it guards is gone.
 */
async function openDedicatedSession(url: string, label: string, forget: () => void): Promise<Session> {
  const client = new Client({ connectionString: url, application_name: label, keepAlive: true });
  const controller = new AbortController();
  client.on('error', (error) => controller.abort(error));
  client.on('end', () => controller.abort(new Error('The session connection ended')));
  await client.connect();
  let released = false;
  const release = async (): Promise<void> => {
    forget();
    if (released) return;
    released = true;
    controller.abort(new Error('The session was released')); // no-op if already lost
    await client.end().catch(() => undefined);
  };
  const runner = guardQueryable(clientRunner(client), () => !controller.signal.aborted, 'The session');
  return { ...runner, signal: controller.signal, release };
}

function clientRunner(client: Pool | ClientBase): Queryable {
  return {
    query: async <T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> => {
      const result = await client.query(sql, params === undefined ? undefined : [...params]);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
    },
    exec: async (sql: string) => {
      // No values: pg uses the simple protocol, which accepts several statements.
      await client.query(sql);
    },
  };
}
