import type { Migration } from '@strata/persistence';

/**
 * The tables of a polled change feed. `change_feed_changes.seq` is the feed's order
 * (what cursors wrap). `change_feed_entities` holds, per entity, the mark and clean
 * state last seen, which is what de-duplicates overlapping polls and derives
 * `changedFields`. `change_feed_positions` is where each source's polling stands,
 * written in the same transaction as the changes it produced. `change_feed_quarantine`
 * keeps backend records that could not be read.
 */
export const changeFeedMigrations: Migration[] = [
  {
    id: 'change-feed-001',
    sql: `
      CREATE TABLE change_feed_changes (
        seq bigserial PRIMARY KEY,
        entity_id text NOT NULL,
        change jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE change_feed_entities (
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        mark text NOT NULL,
        data jsonb,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (entity_type, entity_id)
      );
      CREATE TABLE change_feed_positions (
        source text PRIMARY KEY,
        position jsonb,
        last_success_at timestamptz,
        last_error text,
        last_error_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE change_feed_quarantine (
        id bigserial PRIMARY KEY,
        source_name text NOT NULL,
        source text NOT NULL,
        entity_id text,
        reason text NOT NULL,
        raw text NOT NULL,
        fingerprint text NOT NULL UNIQUE,
        quarantined_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

/**
 * The latest clean state per entity (`entity_type`, `entity_id`, `data` jsonb, null when
 * gone), committed with the feed position. Part of the lib's public surface: a System
 * API whose backend cannot be queried (files) answers reads from it, and then reads and
 * the feed never disagree. Columns are stable; add migrations, never change them.
 */
export const ENTITY_STATE_TABLE = 'change_feed_entities';
