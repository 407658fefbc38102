import type { Migration } from '@strata/persistence';

/**
 * The OAuth state of the emulated org, kept in the emulator's own database so a killed
 * and restarted emulator still honours the tokens its clients hold (a real org does not
 * forget sessions when a server restarts). Only sha256 hashes of tokens are stored: a
 * copied database file must not hand out working sessions. Ids carry the `auth-` prefix
 * because they share `schema_migrations` with the record store's migrations.
 */
export const authMigrations: Migration[] = [
  {
    id: 'auth-001-oauth-sessions',
    sql: `
      CREATE TABLE oauth_refresh_tokens (
        token_hash text PRIMARY KEY,
        client_id text NOT NULL,
        user_id text NOT NULL,
        org_id text NOT NULL,
        issued_at timestamptz NOT NULL
      );
      CREATE TABLE oauth_sessions (
        token_hash text PRIMARY KEY,
        client_id text NOT NULL,
        user_id text NOT NULL,
        org_id text NOT NULL,
        grant_type text NOT NULL,
        refresh_token_hash text REFERENCES oauth_refresh_tokens (token_hash) ON DELETE CASCADE,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX oauth_sessions_expires_at ON oauth_sessions (expires_at);
      CREATE INDEX oauth_sessions_refresh_token ON oauth_sessions (refresh_token_hash);
    `,
  },
];
