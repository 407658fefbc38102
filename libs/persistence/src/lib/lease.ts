import type { Database } from './database';

/**
 * Proof that this process, alone among all that share the database, holds `name`:
 * e.g. the one replica that consumes a change feed. Hold it as long as the work runs.
 */
export interface Lease {
  readonly name: string;
  /**
   * Aborted the moment the lease is no longer held: released, the database closed, or
   * the connection holding it lost (PostgreSQL then frees it for another replica). Stop
   * the guarded work when it fires.
   */
  readonly signal: AbortSignal;
  /** Gives the lease up so another process can take it. Safe to call twice. */
  release(): Promise<void>;
}

/**
 * Names held through each database in this process. PostgreSQL already refuses a second
 * session the same lock, but PGlite has one session, where advisory locks re-enter; this
 * keeps "one holder per name" true in-process on both.
 */
const heldNames = new WeakMap<Database, Set<string>>();

const KEY = "hashtextextended('strata:lease:' || $1, 0)";

/**
 * Tries once, without waiting, to become the holder of `name`; `undefined` if someone
 * else holds it (retry later). Uses a session-level `pg_try_advisory_lock` on a
 * connection of its own, so a crashed holder's lease is freed when its connection drops.
 */
export async function tryAcquireLease(db: Database, name: string): Promise<Lease | undefined> {
  const names = heldNames.get(db) ?? new Set<string>();
  heldNames.set(db, names);
  if (names.has(name)) return undefined;
  names.add(name);
  try {
    const lease = await lockInOwnSession(db, name);
    if (lease === undefined || lease.signal.aborted) names.delete(name);
    else lease.signal.addEventListener('abort', () => names.delete(name), { once: true });
    return lease;
  } catch (error) {
    names.delete(name);
    throw error;
  }
}

async function lockInOwnSession(db: Database, name: string): Promise<Lease | undefined> {
  const session = await db.openSession(`strata-lease:${name}`.slice(0, 63));
  let acquired = false;
  try {
    const { rows } = await session.query<{ acquired: boolean }>(`SELECT pg_try_advisory_lock(${KEY}) AS acquired`, [
      name,
    ]);
    acquired = rows[0]?.acquired === true;
  } finally {
    if (!acquired) await session.release();
  }
  if (!acquired) return undefined;

  let releasing: Promise<void> | undefined;
  const unlockAndRelease = async (): Promise<void> => {
    try {
      if (!session.signal.aborted) await session.query(`SELECT pg_advisory_unlock(${KEY})`, [name]);
    } finally {
      await session.release(); // on PostgreSQL, ending the connection frees the lock anyway
    }
  };
  return {
    name,
    signal: session.signal,
    release: () => (releasing ??= unlockAndRelease()),
  };
}
