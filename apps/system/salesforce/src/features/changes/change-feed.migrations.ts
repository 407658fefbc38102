import type { Migration } from '@strata/persistence';

/**
 * The change feed's tables. `feed_changes.seq` is the feed's own order (what cursors
 * wrap), independent of Salesforce's replay ids, so resync rows (which have no replay
 * id) and a future second source fit in the same sequence. `feed_state` is one row: the
 * last replay id written, updated in the same transaction as the changes it covers.
 */
export const changeFeedMigrations: Migration[] = [
  {
    id: 'changes-001-feed',
    sql: `
      CREATE TABLE feed_changes (
        seq bigserial PRIMARY KEY,
        replay_id bigint,
        entity_id text NOT NULL,
        change jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE feed_state (
        id integer PRIMARY KEY CHECK (id = 1),
        last_replay_id bigint,
        last_change_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO feed_state (id) VALUES (1);
      CREATE TABLE feed_resyncs (
        id bigserial PRIMARY KEY,
        after_seq bigint NOT NULL,
        end_seq bigint NOT NULL,
        refused_replay_id bigint,
        since timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];
