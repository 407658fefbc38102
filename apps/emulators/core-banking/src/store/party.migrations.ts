import type { Migration } from '@strata/persistence';

/**
 * Parties are JSON documents (the bank's record layout), with the columns the bank
 * queries on alongside: `modified_at` for the `modifiedSince` listing, `crm_ref` unique
 * so PostgreSQL itself refuses two parties with one golden key.
 */
export const partyMigrations: Migration[] = [
  {
    id: '001-parties',
    sql: `
      CREATE TABLE parties (
        party_id text PRIMARY KEY,
        doc jsonb NOT NULL,
        modified_at text NOT NULL,
        version integer NOT NULL,
        crm_ref text UNIQUE
      );
      CREATE INDEX parties_modified ON parties (modified_at, party_id);
      CREATE SEQUENCE party_numbers START 500000001;
    `,
  },
];
