import type { Migration } from '@strata/persistence';

/**
 * The emulator's durable state. Records are kept as JSON documents because the org's
 * schema is data (a schema file), not tables; unique and external-id values get their
 * own table so PostgreSQL itself refuses duplicates, even under concurrent writes.
 */
export const storeMigrations: Migration[] = [
  {
    id: '001-records',
    sql: `
      CREATE TABLE sobject_records (
        id text PRIMARY KEY,
        object_name text NOT NULL,
        data jsonb NOT NULL,
        is_deleted boolean NOT NULL DEFAULT false,
        modstamp timestamptz NOT NULL
      );
      CREATE INDEX sobject_records_object ON sobject_records (object_name);
      CREATE TABLE sobject_unique_values (
        object_name text NOT NULL,
        field_name text NOT NULL,
        value_key text NOT NULL,
        record_id text NOT NULL,
        PRIMARY KEY (object_name, field_name, value_key)
      );
      CREATE TABLE id_sequences (
        key_prefix text PRIMARY KEY,
        next_value bigint NOT NULL
      );
      CREATE TABLE change_events (
        replay_id bigserial PRIMARY KEY,
        entity_name text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];
