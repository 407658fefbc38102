import type { Migration } from '@strata/persistence';

/**
 * The mainframe's state. `loans` holds each borrower record as its layout's field
 * values; `unsent` marks records changed since the last change file, so a change made
 * while the exchange is down is written once it is back. `file_sequences` numbers the
 * outbound files; `processed_requests` keeps each request file's acknowledgement until
 * it is written, so a crash between applying and acknowledging neither loses nor
 * repeats the acknowledgement.
 */
export const storeMigrations: Migration[] = [
  {
    id: 'loan-mainframe-001',
    sql: `
      CREATE TABLE loans (
        loan_account text PRIMARY KEY,
        record jsonb NOT NULL,
        unsent boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX loans_customer_key ON loans ((record->>'customerKey'));
      CREATE TABLE file_sequences (name text PRIMARY KEY, value integer NOT NULL);
      CREATE TABLE processed_requests (
        file_name text PRIMARY KEY,
        ack_name text NOT NULL,
        ack_records jsonb NOT NULL,
        ack_written boolean NOT NULL DEFAULT false,
        processed_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];
