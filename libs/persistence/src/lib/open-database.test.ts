import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from './open-database';

// Each PGlite start takes about 2 s alone, and several times that with CI's other suites beside it.
jest.setTimeout(60_000);

describe('openDatabase', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'strata-persistence-'));
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('keeps PGlite data in its folder across a close and reopen, creating the folder if missing', async () => {
    const dataDir = path.join(root, 'not', 'yet', 'there');
    const first = await openDatabase({ dataDir });
    await first.exec('CREATE TABLE cursors (feed text PRIMARY KEY, position text NOT NULL)');
    await first.query('INSERT INTO cursors (feed, position) VALUES ($1, $2)', ['salesforce', 'replay-42']);
    await first.close();

    const reopened = await openDatabase({ dataDir });
    try {
      const { rows } = await reopened.query('SELECT feed, position FROM cursors');

      expect(reopened.kind).toBe('pglite');
      expect((await stat(dataDir)).isDirectory()).toBe(true);
      expect(rows).toEqual([{ feed: 'salesforce', position: 'replay-42' }]);
    } finally {
      await reopened.close();
    }
  });

  it('rejects a url that is not postgres:// before touching any backend', async () => {
    await expect(openDatabase({ url: '/var/lib/strata' })).rejects.toThrow(/postgres:\/\//);
  });

  it('fails at open, not at first use, when PostgreSQL cannot be reached', async () => {
    await expect(openDatabase({ url: 'postgres://postgres@127.0.0.1:1/postgres' })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
