/**
 * The one SQL interface every Process API and emulator keeps its durable state through.
 * It is deliberately small: SQL text with `$1, $2` parameters, transactions, and a
 * dedicated session for session-scoped state. Anything richer (a query builder, an ORM)
 * would have to be proven identical on both backends; plain SQL already is.
 */

/** Which engine runs the SQL, for the rare caller that must know (tests, diagnostics). */
export type DatabaseKind = 'pglite' | 'postgres';

/**
 * What a query gives back. `rowCount` is the rows returned by a SELECT or changed by an
 * INSERT/UPDATE/DELETE, and 0 for statements that report none (DDL), on both backends.
 */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/**
 * Anything that runs SQL: the database itself, a transaction, a session. Code that only
 * reads and writes takes a `Queryable`, so the caller decides whether it runs inside a
 * transaction (sync state written together with the change it records) or not.
 */
export interface Queryable {
  /**
   * Runs one statement with `$1, $2` parameters. Values are sent separately from the
   * text, so user input never becomes SQL.
   */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /**
   * Runs a script of one or more statements without parameters (migrations, DDL), which
   * `query` cannot: parameterised statements go through the extended protocol, one at a time.
   */
  exec(sql: string): Promise<void>;
}

/**
 * A connection held apart from the shared ones until `release()`. Session-scoped state
 * (advisory locks, `SET`) must not leak into a pooled connection the next borrower gets,
 * and a lock held by a session must vanish when the session does.
 */
export interface Session extends Queryable {
  /**
   * Aborted once the session is gone: released, the database closed, or the connection
   * lost. Whatever the session guarded (a lease) is no longer held from that moment.
   */
  readonly signal: AbortSignal;
  /** Ends the session; PostgreSQL frees everything it held. Safe to call twice. */
  release(): Promise<void>;
}

/** An open database: the embedded PGlite or a PostgreSQL pool, used identically. */
export interface Database extends Queryable {
  /** Which backend this is; the SQL is the same either way. */
  readonly kind: DatabaseKind;
  /**
   * Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws (the
   * error is rethrown). Inside `fn` use only `tx`: on PGlite the one connection is busy
   * with the transaction, so a query through the database would wait for it forever.
   * `tx` refuses to run anything once the transaction has ended.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Opens a {@link Session}. `label` names it to operators (PostgreSQL's
   * `application_name`, visible in `pg_stat_activity`).
   */
  openSession(label: string): Promise<Session>;
  /** Ends every session and connection. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Wraps a runner so it refuses work once `isOpen()` turns false. A transaction's client
 * goes back to the pool when it ends; a stray late query through the old `tx` would
 * otherwise run on whatever transaction the next borrower started.
 */
export function guardQueryable(inner: Queryable, isOpen: () => boolean, what: string): Queryable {
  const check = (): void => {
    if (!isOpen()) throw new Error(`${what} has ended; it cannot run more SQL`);
  };
  return {
    query: async (sql, params) => {
      check();
      return inner.query(sql, params);
    },
    exec: async (sql) => {
      check();
      await inner.exec(sql);
    },
  };
}
