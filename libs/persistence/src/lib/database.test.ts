import { backends, uniqueName, type TestDatabase } from './backends.testing';
import type { Database, Queryable } from './database';
import { isUniqueViolation, UNIQUE_VIOLATION } from './sql-errors';

describe.each(backends)('Database on $kind', (backend) => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await backend.setup();
    db = testDb.db;
  });
  afterAll(async () => testDb?.teardown());

  async function newTable(): Promise<string> {
    const table = uniqueName('items');
    await db.exec(`CREATE TABLE ${table} (id int PRIMARY KEY, label text NOT NULL)`);
    return table;
  }

  async function labels(runner: Queryable, table: string): Promise<string[]> {
    const { rows } = await runner.query<{ label: string }>(`SELECT label FROM ${table} ORDER BY id`);
    return rows.map((row) => row.label);
  }

  it(`reports itself as ${backend.kind}`, () => {
    expect(db.kind).toBe(backend.kind);
  });

  it('binds $1, $2 parameters and counts the rows a statement touched', async () => {
    const table = await newTable();

    const inserted = await db.query(`INSERT INTO ${table} (id, label) VALUES ($1, $2), ($3, $4)`, [1, 'a', 2, "b'; --"]);
    const selected = await db.query<{ label: string }>(`SELECT label FROM ${table} WHERE id = $1`, [2]);

    expect(inserted.rowCount).toBe(2);
    expect(selected).toEqual({ rows: [{ label: "b'; --" }], rowCount: 1 });
  });

  it('returns bigint and count(*) as strings on both backends, so none loses precision', async () => {
    const { rows } = await db.query<{ big: string; n: string }>(
      'SELECT 9007199254740993::int8 AS big, count(*) AS n FROM (VALUES (1), (2)) AS v(x)',
    );

    expect(rows[0]).toEqual({ big: '9007199254740993', n: '2' });
  });

  it('runs a script of several statements with exec', async () => {
    const table = uniqueName('script');

    await db.exec(`CREATE TABLE ${table} (n int); INSERT INTO ${table} VALUES (1); INSERT INTO ${table} VALUES (2);`);

    const { rows } = await db.query<{ total: number }>(`SELECT sum(n)::int AS total FROM ${table}`);
    expect(rows[0]?.total).toBe(3);
  });

  it('commits a transaction that resolves and returns its result', async () => {
    const table = await newTable();

    const result = await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${table} (id, label) VALUES (1, 'one')`);
      await tx.query(`INSERT INTO ${table} (id, label) VALUES (2, 'two')`);
      return labels(tx, table);
    });

    expect(result).toEqual(['one', 'two']);
    expect(await labels(db, table)).toEqual(['one', 'two']);
  });

  it('rolls back everything a throwing transaction wrote, and rethrows its error', async () => {
    const table = await newTable();
    const failure = new Error('card platform said no');

    const outcome = db.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${table} (id, label) VALUES (1, 'written')`);
      await tx.exec(`CREATE TABLE ${table}_side (x int)`);
      throw failure;
    });

    await expect(outcome).rejects.toBe(failure);
    expect(await labels(db, table)).toEqual([]);
    const side = await db.query(`SELECT 1 FROM pg_tables WHERE tablename = $1`, [`${table}_side`]);
    expect(side.rowCount).toBe(0);
  });

  it('refuses SQL through a transaction object after the transaction ended', async () => {
    const table = await newTable();
    let leaked: Queryable | undefined;

    await db.transaction(async (tx) => {
      leaked = tx;
    });

    await expect(leaked!.query(`INSERT INTO ${table} (id, label) VALUES (1, 'late')`)).rejects.toThrow(/ended/);
    expect(await labels(db, table)).toEqual([]);
  });

  it('reports a duplicate key as SQLSTATE 23505, in and out of transactions', async () => {
    const table = await newTable();
    await db.query(`INSERT INTO ${table} (id, label) VALUES (1, 'first')`);

    const direct = await db.query(`INSERT INTO ${table} (id, label) VALUES (1, 'again')`).catch((e: unknown) => e);
    const inTx = await db
      .transaction((tx) => tx.query(`INSERT INTO ${table} (id, label) VALUES ($1, $2)`, [1, 'again']))
      .catch((e: unknown) => e);

    expect(direct).toMatchObject({ code: UNIQUE_VIOLATION });
    expect(inTx).toMatchObject({ code: '23505' });
    expect(isUniqueViolation(direct)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
    expect(await labels(db, table)).toEqual(['first']);
  });
});
