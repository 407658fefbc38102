import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** Turns fresh-cluster templates on: a folder to keep them in, or `on` for the temp folder; unset or `off`, none. */
export const TEMPLATE_DIR_ENV = 'STRATA_PGLITE_TEMPLATE_DIR';

let pending: Promise<Blob | undefined> | undefined;

/**
 * A tarball of a freshly initialised, empty PGlite cluster, made once per machine and
 * PGlite version and kept in the temp folder. A new database is then unpacked from it
 * instead of running initdb: about 0.8 s instead of 2.5 to 4 s on this project's 2-core
 * machines, paid by every test that opens a database and every app's first start.
 * An empty cluster from initdb holds no data and nothing of the caller's, so one copy
 * serves every database. Without a usable template (folder not writable, `off`) the
 * database is created as before: the template only ever saves time.
 */
export function freshClusterTemplate(): Promise<Blob | undefined> {
  pending ??= loadOrMake().catch(() => undefined);
  return pending;
}

/** Drops a template that failed to load, so the next database makes a new one. */
export async function discardTemplate(): Promise<void> {
  pending = undefined;
  const file = templateFile();
  if (file) await rm(file, { force: true });
}

async function loadOrMake(): Promise<Blob | undefined> {
  const file = templateFile();
  if (!file) return undefined;
  if (existsSync(file)) return new Blob([await readFile(file)]);
  const pglite = await PGlite.create();
  try {
    const tarball = await pglite.dumpDataDir('none');
    await mkdir(path.dirname(file), { recursive: true });
    // Written aside and renamed, so another process never reads half a template.
    const partial = `${file}.${process.pid}.${randomUUID()}.partial`;
    await writeFile(partial, Buffer.from(await tarball.arrayBuffer()));
    await rename(partial, file);
    return tarball;
  } finally {
    await pglite.close();
  }
}

/**
 * Off unless `STRATA_PGLITE_TEMPLATE_DIR` names a folder, or `on` for
 * `<tmpdir>/strata-pglite`. A deployed app makes its database once and gains nothing;
 * the test runner (tools/ci/jest-project.mjs) sets `on`, as suites open hundreds.
 */
function templateFile(): string | undefined {
  const configured = process.env[TEMPLATE_DIR_ENV];
  if (!configured || configured === 'off') return undefined;
  const dir = configured === 'on' ? path.join(os.tmpdir(), 'strata-pglite') : configured;
  return path.join(dir, `fresh-cluster-${pgliteVersion()}.tar`);
}

/** The installed PGlite's version: a template is only reused by the PGlite that made it. */
function pgliteVersion(): string {
  let dir = path.dirname(require.resolve('@electric-sql/pglite'));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}
