import { Client } from 'pg';
import { eventually } from './eventually';
import { createScratchDatabase } from './scratch-database';

it('resolves with the first value that passes, treating failed reads as not yet', async () => {
  let reads = 0;
  const value = await eventually('the third read', async () => {
    reads += 1;
    if (reads === 1) throw new Error('still starting');
    return reads;
  }, (n) => n >= 3, 2000, 5);
  expect(value).toBe(3);
});

it('fails naming what it waited for and the last value seen', async () => {
  await expect(eventually('a miracle', async () => 'nope', () => false, 50, 5)).rejects.toThrow('timed out waiting for a miracle; last seen: "nope"');
});

it('creates a scratch PostgreSQL database that can be used, then drops it', async () => {
  const database = await createScratchDatabase('strata_testing_scratch');
  const client = new Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query<{ name: string }>('SELECT current_database() AS name');
  await client.end();
  await database.drop();

  const admin = new Client({ connectionString: database.url.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  const left = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [rows[0]?.name]);
  await admin.end();
  expect(rows[0]?.name).toMatch(/^strata_testing_scratch_[0-9a-f]{12}$/);
  expect(left.rowCount).toBe(0);
});
