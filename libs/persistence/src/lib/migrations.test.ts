import { backends, uniqueName, type TestDatabase } from './backends.testing';
import type { Database } from './database';
import { DuplicateMigrationError, migrate, MigrationChangedError, type Migration } from './migrations';

/** Migrations that fail if ever run twice (plain CREATE TABLE) and count their own runs. */
function freshMigrations(count: number): Migration[] {
  const prefix = uniqueName('m');
  const migrations: Migration[] = [{ id: `${prefix}_000`, sql: `CREATE TABLE ${prefix}_runs (id text NOT NULL)` }];
  for (let i = 1; i < count; i++) {
    const id = `${prefix}_${String(i).padStart(3, '0')}`;
    migrations.push({
      id,
      sql: `CREATE TABLE ${id} (n int);\nINSERT INTO ${prefix}_runs (id) VALUES ('${id}');`,
    });
  }
  return migrations;
}

async function runsOf(db: Database, migrations: Migration[]): Promise<string[]> {
  const runsTable = `${migrations[0]!.id.replace(/_000$/, '')}_runs`;
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM ${runsTable} ORDER BY id`);
  return rows.map((row) => row.id);
}

async function recorded(db: Database, migrations: Migration[]): Promise<string[]> {
  const ids = migrations.map((m) => m.id);
  const { rows } = await db.query<{ id: string }>('SELECT id FROM schema_migrations WHERE id = ANY($1) ORDER BY id', [
    ids,
  ]);
  return rows.map((row) => row.id);
}

describe.each(backends)('migrate on $kind', (backend) => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await backend.setup();
    db = testDb.db;
  });
  afterAll(async () => testDb?.teardown());

  it('applies pending migrations in order, once, and a second run changes nothing', async () => {
    const migrations = freshMigrations(3);

    const first = await migrate(db, migrations);
    const second = await migrate(db, migrations);

    expect(first).toEqual(migrations.map((m) => m.id));
    expect(second).toEqual([]);
    expect(await runsOf(db, migrations)).toEqual([migrations[1]!.id, migrations[2]!.id]);
    expect(await recorded(db, migrations)).toEqual(migrations.map((m) => m.id));
  });

  it('applies only the migrations added since the last run', async () => {
    const migrations = freshMigrations(3);
    await migrate(db, migrations.slice(0, 2));

    const applied = await migrate(db, migrations);

    expect(applied).toEqual([migrations[2]!.id]);
    expect(await runsOf(db, migrations)).toEqual([migrations[1]!.id, migrations[2]!.id]);
  });

  it('rejects an applied migration whose SQL changed, before applying anything new', async () => {
    const migrations = freshMigrations(3);
    await migrate(db, migrations.slice(0, 2));
    const edited = [...migrations];
    edited[1] = { ...migrations[1]!, sql: `${migrations[1]!.sql}\n-- edited` };

    const outcome = migrate(db, edited);

    await expect(outcome).rejects.toBeInstanceOf(MigrationChangedError);
    await expect(outcome).rejects.toThrow(migrations[1]!.id);
    expect(await recorded(db, migrations)).toEqual([migrations[0]!.id, migrations[1]!.id]);
  });

  it('leaves a failing migration neither half-applied nor recorded, and keeps the earlier ones', async () => {
    const [base] = freshMigrations(1);
    const half = uniqueName('half');
    const broken: Migration = { id: uniqueName('broken'), sql: `CREATE TABLE ${half} (n int);\nSELECT * FROM missing_table;` };

    await expect(migrate(db, [base!, broken])).rejects.toThrow(/missing_table/);

    const tables = await db.query('SELECT 1 FROM pg_tables WHERE tablename = $1', [half]);
    expect(tables.rowCount).toBe(0);
    expect(await recorded(db, [base!, broken])).toEqual([base!.id]);
  });

  it('refuses two migrations with the same id', async () => {
    const [only] = freshMigrations(1);

    await expect(migrate(db, [only!, { ...only!, sql: 'SELECT 1' }])).rejects.toBeInstanceOf(DuplicateMigrationError);
    expect(await recorded(db, [only!])).toEqual([]);
  });

  if (backend.kind === 'postgres') {
    it('applies each migration exactly once when several processes migrate at the same moment', async () => {
      const migrations = freshMigrations(6);
      const peers = await Promise.all([testDb.openPeer(), testDb.openPeer(), testDb.openPeer()]);

      const results = await Promise.all([db, ...peers].map((each) => migrate(each, migrations)));

      const appliedIds = results.flat().sort();
      expect(appliedIds).toEqual(migrations.map((m) => m.id));
      expect(await runsOf(db, migrations)).toEqual(migrations.slice(1).map((m) => m.id));
    });
  }
});
