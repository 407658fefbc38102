import type { Migration } from '@strata/persistence';

/**
 * Update requests and the acknowledgement files already read. A request row is written
 * before its file, so every file the mainframe may acknowledge has a row to correlate
 * with, also after a restart. `request_counters` numbers request files across replicas.
 */
export const requestsMigrations: Migration[] = [
  {
    id: 'loan-requests-001',
    sql: `
      CREATE TABLE loan_update_requests (
        request_id uuid PRIMARY KEY,
        file_seq integer NOT NULL,
        record_no integer NOT NULL,
        request_file text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        loan_account text,
        customer_key text,
        return_code text,
        message text,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        UNIQUE (file_seq, record_no)
      );
      CREATE TABLE loan_ack_files (file_name text PRIMARY KEY, read_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE loan_request_counters (name text PRIMARY KEY, value integer NOT NULL);
    `,
  },
];
