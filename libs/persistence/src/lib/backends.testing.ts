/**
 * Test-only: the two backends every suite runs against. PGlite runs in memory; for
 * PostgreSQL a throwaway database with a random name is created through the `postgres`
 * database and dropped (with FORCE, so stray connections cannot keep it alive) afterwards.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Database, DatabaseKind } from './database';
import { openDatabase } from './open-database';

/** The server the PostgreSQL half of each suite uses; override for other environments. */
const ADMIN_URL = process.env['PERSISTENCE_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database opened for one test file, plus the means to open peers of it. */
export interface TestDatabase {
  db: Database;
  /**
   * Another, independent handle on the same data, as a second process would have. Only
   * PostgreSQL has one (PGlite is single-process); closed by `teardown`.
   */
  openPeer(): Promise<Database>;
  teardown(): Promise<void>;
}

/** One backend, described for `describe.each(backends)('$kind', ...)`. */
export interface TestBackend {
  kind: DatabaseKind;
  setup(): Promise<TestDatabase>;
}

/** A name no other test (or earlier run) uses, safe as an SQL identifier. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

const pglite: TestBackend = {
  kind: 'pglite',
  setup: async () => {
    const db = await openDatabase();
    return {
      db,
      openPeer: () => Promise.reject(new Error('PGlite is single-process: there is no peer')),
      teardown: () => db.close(),
    };
  },
};

const postgres: TestBackend = {
  kind: 'postgres',
  setup: async () => {
    const name = uniqueName('strata_persistence_test');
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const peers: Database[] = [];
    const db = await openDatabase({ url: url.toString(), poolSize: 4 });
    return {
      db,
      openPeer: async () => {
        const peer = await openDatabase({ url: url.toString(), poolSize: 2 });
        peers.push(peer);
        return peer;
      },
      teardown: async () => {
        await Promise.all([db, ...peers].map((each) => each.close()));
        await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  },
};

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Both backends, PGlite first. */
export const backends: TestBackend[] = [pglite, postgres];
