import { backends, type TestDatabase } from './backends.testing';
import type { Database } from './database';
import { DEADLOCK_DETECTED, isConcurrencyConflict, isUniqueViolation, retryOnConflict } from './sql-errors';

describe('retryOnConflict', () => {
  it('runs work again only after a concurrency conflict, and gives up after its attempts', async () => {
    const conflict = Object.assign(new Error('deadlock detected'), { code: DEADLOCK_DETECTED });
    let calls = 0;
    const flaky = () => (++calls < 3 ? Promise.reject(conflict) : Promise.resolve('done'));
    await expect(retryOnConflict(flaky, { random: () => 0 })).resolves.toBe('done');
    expect(calls).toBe(3);

    calls = 0;
    await expect(retryOnConflict(() => (++calls, Promise.reject(conflict)), { attempts: 2, random: () => 0 })).rejects.toBe(conflict);
    expect(calls).toBe(2);

    calls = 0;
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    await expect(retryOnConflict(() => (++calls, Promise.reject(unique)), { random: () => 0 })).rejects.toBe(unique);
    expect(calls).toBe(1);

    calls = 0;
    const insertedFirst = () => (++calls < 2 ? Promise.reject(unique) : Promise.resolve('linked'));
    await expect(retryOnConflict(insertedFirst, { alsoRetry: isUniqueViolation, random: () => 0 })).resolves.toBe('linked');
    expect(calls).toBe(2);
  });
});

/** Only PostgreSQL runs transactions side by side, so only it can deadlock. */
describe('two transactions locking two rows in opposite orders, on postgres', () => {
  const postgres = backends.find((backend) => backend.kind === 'postgres');
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await (postgres as NonNullable<typeof postgres>).setup();
    db = testDb.db;
    await db.exec('CREATE TABLE counters (id integer PRIMARY KEY, n integer NOT NULL); INSERT INTO counters VALUES (1, 0), (2, 0);');
  });
  afterAll(async () => testDb?.teardown());
  beforeEach(() => db.exec('UPDATE counters SET n = 0'));

  /** Each transaction takes its first row, waits until the other holds its own, then wants the other's: a lock cycle. */
  function crossed(run: (work: () => Promise<void>) => Promise<void>) {
    let arrived = 0;
    let bothHoldOne!: () => void;
    const barrier = new Promise<void>((resolve) => (bothHoldOne = resolve));
    const bump = (first: number, second: number) =>
      run(() =>
        db.transaction(async (tx) => {
          await tx.query('UPDATE counters SET n = n + 1 WHERE id = $1', [first]);
          if (++arrived === 2) bothHoldOne();
          await barrier;
          await tx.query('UPDATE counters SET n = n + 1 WHERE id = $1', [second]);
        }),
      );
    return Promise.allSettled([bump(1, 2), bump(2, 1)]);
  }
  const counters = async () => (await db.query<{ n: number }>('SELECT n FROM counters ORDER BY id')).rows.map((row) => row.n);

  it('has PostgreSQL abort one of them as a deadlock victim, writing nothing of it', async () => {
    const outcomes = await crossed((work) => work());
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(isConcurrencyConflict(failed[0]?.reason)).toBe(true);
    expect(await counters()).toEqual([1, 1]);
  });

  it('completes both when each runs under retryOnConflict', async () => {
    const outcomes = await crossed((work) => retryOnConflict(work));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await counters()).toEqual([2, 2]);
  });
});
