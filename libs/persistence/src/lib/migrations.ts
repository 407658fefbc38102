import { createHash } from 'node:crypto';
import { StrataError } from '@strata/errors';
import type { Database, Queryable } from './database';

/**
 * One schema change. `id` orders nothing by itself: migrations run in array order, and
 * `id` is what `schema_migrations` remembers. `sql` may hold several statements; it runs
 * inside a transaction, so it must not contain BEGIN/COMMIT or statements that refuse a
 * transaction (`CREATE INDEX CONCURRENTLY`).
 */
export interface Migration {
  id: string;
  sql: string;
}

/**
 * A migration that was already applied has different SQL now. Re-running it would not
 * change the database, so the schema would silently differ from the code: write a new
 * migration instead. Thrown before any pending migration is applied.
 */
export class MigrationChangedError extends StrataError {}

/** Two migrations share an id, so one of them would never run. */
export class DuplicateMigrationError extends StrataError {}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id text PRIMARY KEY,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/**
 * Serialises migrators: held until the transaction ends, so two replicas starting at once
 * take turns, and the second sees what the first recorded. Freed by PostgreSQL if the
 * migrating process dies. (PGlite is single-process; the same SQL is harmless there.)
 */
const LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('strata:schema_migrations', 0))";

/**
 * Brings the schema up to date at start-up: applies, in order, each migration not yet
 * recorded in `schema_migrations`, each in its own transaction together with its record,
 * so a crash leaves it either fully applied and recorded or not at all. Refuses to run if
 * a recorded migration's SQL changed. Returns the ids it applied (empty when up to date).
 */
export async function migrate(db: Database, migrations: readonly Migration[]): Promise<string[]> {
  assertUniqueIds(migrations);
  const planned = migrations.map((migration) => ({ ...migration, checksum: sha256(migration.sql) }));
  await db.transaction(async (tx) => {
    await tx.query(LOCK);
    await tx.exec(CREATE_TABLE);
    for (const { id, checksum } of planned) await isRecorded(tx, id, checksum);
  });

  const applied: string[] = [];
  for (const { checksum, ...migration } of planned) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query(LOCK);
      if (await isRecorded(tx, migration.id, checksum)) return false; // another process won
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (id, checksum) VALUES ($1, $2)', [migration.id, checksum]);
      return true;
    });
    if (didApply) applied.push(migration.id);
  }
  return applied;
}

/** Whether `id` is recorded; throws {@link MigrationChangedError} if its SQL differs. */
async function isRecorded(tx: Queryable, id: string, checksum: string): Promise<boolean> {
  const { rows } = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE id = $1', [id]);
  const recorded = rows[0];
  if (recorded === undefined) return false;
  if (recorded.checksum !== checksum) {
    throw new MigrationChangedError(
      `Migration "${id}" was already applied with different SQL; add a new migration instead of editing it`,
      { details: { id, recordedChecksum: recorded.checksum, currentChecksum: checksum } },
    );
  }
  return true;
}

function assertUniqueIds(migrations: readonly Migration[]): void {
  const seen = new Set<string>();
  for (const { id } of migrations) {
    if (seen.has(id)) throw new DuplicateMigrationError(`Migration id "${id}" appears more than once`);
    seen.add(id);
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
