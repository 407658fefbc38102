import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server scratch databases are made on; override for other environments. */
const ADMIN_URL = process.env['PERSISTENCE_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A throwaway PostgreSQL database: its URL, and how to drop it. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin(sql: string, adminUrl: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Creates a database with a random name under `prefix` for one suite or benchmark run
 * (tests that need PostgreSQL use a database of their own). `drop` removes it WITH
 * FORCE, so connections a killed app left behind cannot keep it alive.
 */
export async function createScratchDatabase(prefix: string, adminUrl: string = ADMIN_URL): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`, adminUrl);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, adminUrl) };
}
