import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TEMPLATE_DIR_ENV } from './pglite-template';

// Each PGlite made by initdb takes seconds on a loaded CI machine.
jest.setTimeout(60_000);

type OpenPglite = typeof import('./pglite.database').openPgliteDatabase;

/** A fresh copy of the module, so each test starts without a remembered template. */
async function freshOpen(): Promise<OpenPglite> {
  let open: OpenPglite | undefined;
  await jest.isolateModulesAsync(async () => {
    open = (await import('./pglite.database')).openPgliteDatabase;
  });
  if (!open) throw new Error('module did not load');
  return open;
}

// One template folder for the file, so only the first test pays for initdb; in order.
describe('fresh-cluster template', () => {
  let dir: string;
  const before = process.env[TEMPLATE_DIR_ENV];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'strata-template-'));
  });
  beforeEach(() => {
    process.env[TEMPLATE_DIR_ENV] = dir;
  });
  afterAll(async () => {
    if (before === undefined) delete process.env[TEMPLATE_DIR_ENV];
    else process.env[TEMPLATE_DIR_ENV] = before;
    await rm(dir, { recursive: true, force: true });
  });

  it('is made by the first database and gives the next ones an empty cluster of their own', async () => {
    const open = await freshOpen();
    const first = await open();
    await first.exec('CREATE TABLE kept (id int)');
    expect((await readdir(dir)).filter((name) => name.endsWith('.tar'))).toHaveLength(1);

    const second = await (await freshOpen())();
    try {
      const { rows } = await second.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE tablename = 'kept'");
      expect(rows).toEqual([{ n: '0' }]);
      await second.exec('CREATE TABLE kept (id int)');
      await second.query('INSERT INTO kept VALUES (1)');
      expect((await first.query('SELECT * FROM kept')).rows).toEqual([]);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('starts a new data folder from the template, and the folder keeps its data when reopened', async () => {
    const dataDir = path.join(dir, 'data');
    const open = await freshOpen();
    const db = await open({ dataDir });
    await db.exec('CREATE TABLE kept (id int); INSERT INTO kept VALUES (7);');
    await db.close();

    const reopened = await open({ dataDir });
    try {
      expect((await reopened.query('SELECT id FROM kept')).rows).toEqual([{ id: 7 }]);
    } finally {
      await reopened.close();
    }
  });

  it('drops a template that cannot be unpacked and still opens an in-memory database', async () => {
    const [file] = (await readdir(dir)).filter((name) => name.endsWith('.tar'));
    await writeFile(path.join(dir, String(file)), 'not a tarball');

    const db = await (await freshOpen())();
    try {
      expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      expect(existsSync(path.join(dir, String(file)))).toBe(false);
    } finally {
      await db.close();
    }
  });

  it('is off unless a folder is named', async () => {
    delete process.env[TEMPLATE_DIR_ENV];
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-tmpdir-'));
    const savedTmpdir = process.env['TMPDIR'];
    process.env['TMPDIR'] = tmp;
    try {
      const db = await (await freshOpen())();
      expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await db.close();
      expect(existsSync(path.join(tmp, 'strata-pglite'))).toBe(false);
    } finally {
      if (savedTmpdir === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = savedTmpdir;
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it('is neither read nor written when turned off', async () => {
    await rm(dir, { recursive: true, force: true });
    process.env[TEMPLATE_DIR_ENV] = 'off';
    const db = await (await freshOpen())();
    try {
      expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      expect(existsSync(dir)).toBe(false);
      expect(existsSync(path.join(os.tmpdir(), 'off'))).toBe(false);
    } finally {
      await db.close();
    }
  });
});
