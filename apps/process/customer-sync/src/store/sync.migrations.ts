import type { Migration } from '@strata/persistence';

/**
 * customer-sync's tables. `golden_customers.sources` holds each golden field's value with
 * its system, time and rule (survivorship input and the contract's `sources`). `xref`
 * links one record per system to a golden record (the unique index makes "one per
 * system" a database fact, not a hope). `match_keys` indexes golden records by the
 * match rules' keys. `outbox` rows are written in the same transaction as the golden
 * change that caused them.
 */
export const syncMigrations: Migration[] = [
  {
    id: 'sync-001-golden',
    sql: `
      CREATE SEQUENCE golden_key_seq START 900000;
      CREATE TABLE golden_customers (
        customer_key text PRIMARY KEY,
        version integer NOT NULL,
        sources jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE xref (
        system text NOT NULL,
        record_id text NOT NULL,
        customer_key text NOT NULL REFERENCES golden_customers (customer_key),
        rule text NOT NULL,
        linked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (system, record_id),
        UNIQUE (customer_key, system)
      );
      CREATE TABLE match_keys (
        key text NOT NULL,
        customer_key text NOT NULL REFERENCES golden_customers (customer_key),
        PRIMARY KEY (key, customer_key)
      );
      CREATE TABLE golden_history (
        customer_key text NOT NULL REFERENCES golden_customers (customer_key),
        version integer NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        cause text NOT NULL,
        changes jsonb NOT NULL,
        rejected jsonb NOT NULL,
        PRIMARY KEY (customer_key, version)
      );
      CREATE TABLE match_reviews (
        id bigserial PRIMARY KEY,
        status text NOT NULL DEFAULT 'open',
        system text NOT NULL,
        record_id text NOT NULL,
        data jsonb NOT NULL,
        customer_key text NOT NULL REFERENCES golden_customers (customer_key),
        rule text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz
      );
      CREATE UNIQUE INDEX match_reviews_open ON match_reviews (system, record_id, customer_key) WHERE status = 'open';
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        target text NOT NULL,
        customer_key text NOT NULL REFERENCES golden_customers (customer_key),
        version integer NOT NULL,
        state text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX outbox_due ON outbox (target, state, next_attempt_at);
    `,
  },
  {
    id: 'sync-002-feeds-and-deliveries',
    sql: `
      CREATE TABLE feed_cursors (
        system text PRIMARY KEY,
        cursor text,
        last_change_at timestamptz,
        last_read_at timestamptz,
        last_error text,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE deliveries (
        target text NOT NULL,
        customer_key text NOT NULL REFERENCES golden_customers (customer_key),
        delivered_version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (target, customer_key)
      );
    `,
  },
  {
    id: 'sync-003-reconciliations',
    sql: `
      CREATE TABLE reconciliations (
        id bigserial PRIMARY KEY,
        status text NOT NULL DEFAULT 'running',
        trigger text NOT NULL,
        repair boolean NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        report jsonb,
        error text
      );
    `,
  },
  {
    id: 'sync-004-feed-lag',
    sql: `ALTER TABLE feed_cursors ADD COLUMN lag_ms bigint;`,
  },
  {
    id: 'sync-005-record-versions',
    sql: `ALTER TABLE xref ADD COLUMN record_version text;`,
  },
  {
    id: 'sync-006-review-decider',
    sql: `ALTER TABLE match_reviews ADD COLUMN decided_by text;`,
  },
  {
    // What each golden version held, and which golden version a link's record version is
    // known to hold: together they let an echo of a write whose answer was lost restore
    // the link's version (see intake/echo-version.ts).
    id: 'sync-007-echo-versions',
    sql: `
      ALTER TABLE golden_history ADD COLUMN values_after jsonb;
      ALTER TABLE xref ADD COLUMN record_version_golden integer;
    `,
  },
];
