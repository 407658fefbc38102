import { migrate, type Database } from '@strata/persistence';
import { storeMigrations } from './store.migrations';

/**
 * The mainframe keeps loan numbers in 10 characters without the dash the bank prints:
 * `LN-00001234` is stored as `LN00001234`.
 */
export function toMainframeAccount(account: string): string {
  return account.replace(/^LN-/, 'LN');
}

/** One borrower record as the values of the borrower layout (without `recordType`). */
export type BorrowerRecord = {
  loanAccount: string;
  customerKey: string;
  surname: string;
  givenNames: string;
  birthDate: string | null;
  email: string;
  phone: string;
  street: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
  statusCode: string;
  balance: number;
  interestRate: number;
  changeDate: string | null;
  changeTime: string | null;
};

/** An acknowledgement waiting to be written (or already written) for one request file. */
export interface PendingAck {
  fileName: string;
  ackName: string;
  records: Record<string, string | number>[];
}

/**
 * The mainframe's loan book and file bookkeeping in PGlite, so that loans, sequence
 * numbers and processed requests survive kill -9. Callers serialise writes (the
 * emulator runs one batch "job" at a time, like the real scheduler).
 */
export class LoanStore {
  /**
   * Names of processed request files, loaded once: request files are never archived, so
   * asking the database about every one of them on every cycle made each cycle slower
   * than the last (30% of a core at idle after a few thousand requests).
   */
  private processed: Set<string> | undefined;

  private constructor(readonly db: Database) {}

  static async open(db: Database): Promise<LoanStore> {
    await migrate(db, storeMigrations);
    return new LoanStore(db);
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*) AS n FROM loans');
    return Number(rows[0]?.n ?? 0);
  }

  async get(loanAccount: string): Promise<BorrowerRecord | undefined> {
    const { rows } = await this.db.query<{ record: BorrowerRecord }>('SELECT record FROM loans WHERE loan_account = $1', [loanAccount]);
    return rows[0]?.record;
  }

  /** The lowest loan account of a customer key: the one an update by key addresses. */
  async findByCustomerKey(customerKey: string): Promise<BorrowerRecord | undefined> {
    const { rows } = await this.db.query<{ record: BorrowerRecord }>(
      "SELECT record FROM loans WHERE record->>'customerKey' = $1 ORDER BY loan_account LIMIT 1",
      [customerKey],
    );
    return rows[0]?.record;
  }

  async all(): Promise<BorrowerRecord[]> {
    const { rows } = await this.db.query<{ record: BorrowerRecord }>('SELECT record FROM loans ORDER BY loan_account');
    return rows.map((row) => row.record);
  }

  /** Stores records; `unsent` ones go out in the next change file. */
  async save(records: readonly BorrowerRecord[], options: { unsent: boolean }): Promise<void> {
    for (const record of records) {
      await this.db.query(
        `INSERT INTO loans (loan_account, record, unsent) VALUES ($1, $2::jsonb, $3)
         ON CONFLICT (loan_account) DO UPDATE SET record = EXCLUDED.record, unsent = loans.unsent OR EXCLUDED.unsent, updated_at = now()`,
        [record.loanAccount, JSON.stringify(record), options.unsent],
      );
    }
  }

  async unsent(): Promise<BorrowerRecord[]> {
    const { rows } = await this.db.query<{ record: BorrowerRecord }>('SELECT record FROM loans WHERE unsent ORDER BY loan_account');
    return rows.map((row) => row.record);
  }

  async markSent(loanAccounts: readonly string[]): Promise<void> {
    await this.db.query('UPDATE loans SET unsent = false WHERE loan_account = ANY($1::text[])', [loanAccounts]);
  }

  /** The next number of a file series; committed before the file is written, so a crash leaves a gap, never a reuse. */
  async nextSequence(series: string): Promise<number> {
    const { rows } = await this.db.query<{ value: number }>(
      `INSERT INTO file_sequences (name, value) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET value = file_sequences.value + 1 RETURNING value`,
      [series],
    );
    if (!rows[0]) throw new Error(`file sequence ${series} was not returned`);
    return Number(rows[0].value);
  }

  async isProcessed(fileName: string): Promise<boolean> {
    if (!this.processed) {
      const { rows } = await this.db.query<{ file_name: string }>('SELECT file_name FROM processed_requests');
      this.processed = new Set(rows.map((row) => row.file_name));
    }
    return this.processed.has(fileName);
  }

  /** Applies a request's borrower changes and records its acknowledgement in one transaction. */
  async applyRequest(ack: PendingAck, changed: readonly BorrowerRecord[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const record of changed) {
        await tx.query('UPDATE loans SET record = $2::jsonb, unsent = true, updated_at = now() WHERE loan_account = $1', [record.loanAccount, JSON.stringify(record)]);
      }
      await tx.query('INSERT INTO processed_requests (file_name, ack_name, ack_records) VALUES ($1, $2, $3::jsonb)', [ack.fileName, ack.ackName, JSON.stringify(ack.records)]);
    });
    this.processed?.add(ack.fileName);
  }

  async unwrittenAcks(): Promise<PendingAck[]> {
    const { rows } = await this.db.query<{ file_name: string; ack_name: string; ack_records: PendingAck['records'] }>(
      'SELECT file_name, ack_name, ack_records FROM processed_requests WHERE NOT ack_written ORDER BY file_name',
    );
    return rows.map((row) => ({ fileName: row.file_name, ackName: row.ack_name, records: row.ack_records }));
  }

  async markAckWritten(fileName: string): Promise<void> {
    await this.db.query('UPDATE processed_requests SET ack_written = true WHERE file_name = $1', [fileName]);
  }

  /** Empties the mainframe (loans, sequences, processed requests), for `/__admin/reset`. */
  async reset(): Promise<void> {
    await this.db.exec('TRUNCATE loans, file_sequences, processed_requests');
    this.processed = undefined;
  }
}
