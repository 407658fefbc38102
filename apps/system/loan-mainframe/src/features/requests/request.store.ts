import type { UpdateRequest } from '@strata/contracts-system-loan-mainframe';
import { migrate, type Database, type Queryable } from '@strata/persistence';
import { RETURN_CODES } from './return-codes';
import { requestsMigrations } from './requests.migrations';

interface RequestRow {
  request_id: string;
  request_file: string;
  status: UpdateRequest['status'];
  loan_account: string | null;
  customer_key: string | null;
  return_code: UpdateRequest['returnCode'];
  message: string | null;
  submitted_at: Date | string;
  completed_at: Date | string | null;
}

/** A request about to be written; all of one file share `fileSeq` and `requestFile`. */
export interface NewRequest {
  requestId: string;
  fileSeq: number;
  requestFile: string;
  loanAccount: string | null;
  customerKey: string | null;
}

/** One acknowledgement record, as the correlator hands it over. */
export interface AckRecord {
  recordNo: number;
  returnCode: string;
  message: string;
}

/** Update requests and their acknowledgements, in the API's database (PGlite or PostgreSQL). */
export class RequestStore {
  private constructor(private readonly db: Database) {}

  static async open(db: Database): Promise<RequestStore> {
    await migrate(db, requestsMigrations);
    return new RequestStore(db);
  }

  /**
   * The next request file number: above every number used before, including files found
   * in the exchange folders (`floor`), so a fresh database never reuses a name the
   * mainframe has already processed.
   */
  async nextFileSeq(floor: number): Promise<number> {
    const { rows } = await this.db.query<{ value: number }>(
      `INSERT INTO loan_request_counters (name, value) VALUES ('request', $1 + 1)
       ON CONFLICT (name) DO UPDATE SET value = GREATEST(loan_request_counters.value, $1) + 1 RETURNING value`,
      [floor],
    );
    if (!rows[0]) throw new Error('the request counter was not returned');
    return Number(rows[0].value);
  }

  /** The requests one request file carries, record numbers 1..n in order, in one statement. */
  async insert(requests: readonly NewRequest[]): Promise<void> {
    await this.db.query(
      `INSERT INTO loan_update_requests (request_id, file_seq, record_no, request_file, loan_account, customer_key)
       SELECT request_id, $2, record_no, $3, loan_account, customer_key
       FROM unnest($1::uuid[], $4::text[], $5::text[]) WITH ORDINALITY AS r(request_id, loan_account, customer_key, record_no)`,
      [requests.map((r) => r.requestId), requests[0]?.fileSeq, requests[0]?.requestFile, requests.map((r) => r.loanAccount), requests.map((r) => r.customerKey)],
    );
  }

  /** Forgets requests whose file could not be written: the mainframe never saw them. */
  async remove(requestIds: readonly string[]): Promise<void> {
    await this.db.query('DELETE FROM loan_update_requests WHERE request_id = ANY($1::uuid[])', [requestIds]);
  }

  async get(requestId: string): Promise<UpdateRequest | undefined> {
    return (await this.getMany([requestId]))[0];
  }

  /** These requests, in the order asked; unknown ids are left out. */
  async getMany(requestIds: readonly string[]): Promise<UpdateRequest[]> {
    const { rows } = await this.db.query<RequestRow>('SELECT * FROM loan_update_requests WHERE request_id = ANY($1::uuid[])', [requestIds]);
    const byId = new Map(rows.map((row) => [row.request_id, toRequest(row)]));
    return requestIds.flatMap((id) => byId.get(id) ?? []);
  }

  /** Which of these acknowledgement files were read before (one query for a whole folder listing). */
  async readAcks(fileNames: readonly string[]): Promise<Set<string>> {
    if (fileNames.length === 0) return new Set();
    const { rows } = await this.db.query<{ file_name: string }>('SELECT file_name FROM loan_ack_files WHERE file_name = ANY($1::text[])', [fileNames]);
    return new Set(rows.map((row) => row.file_name));
  }

  /** Settles the requests an acknowledgement file answers, and remembers the file, in one transaction. */
  async settle(fileName: string, fileSeq: number, acks: readonly AckRecord[]): Promise<number> {
    return this.db.transaction(async (tx: Queryable) => {
      let settled = 0;
      for (const ack of acks) {
        const status = ack.returnCode === '00' || ack.returnCode === '04' ? 'applied' : 'rejected';
        const result = await tx.query(
          `UPDATE loan_update_requests SET status = $3, return_code = $4, message = $5, completed_at = now()
           WHERE file_seq = $1 AND record_no = $2 AND status = 'pending'`,
          [fileSeq, ack.recordNo, status, ack.returnCode, ack.message || null],
        );
        settled += result.rowCount;
      }
      await tx.query('INSERT INTO loan_ack_files (file_name) VALUES ($1) ON CONFLICT (file_name) DO NOTHING', [fileName]);
      return settled;
    });
  }
}

const iso = (value: Date | string) => new Date(value).toISOString();

function toRequest(row: RequestRow): UpdateRequest {
  return {
    requestId: row.request_id,
    status: row.status,
    loanAccount: row.loan_account,
    customerKey: row.customer_key,
    requestFile: row.request_file,
    returnCode: row.return_code,
    returnMeaning: row.return_code ? (RETURN_CODES[row.return_code] ?? null) : null,
    message: row.message,
    submittedAt: iso(row.submitted_at),
    completedAt: row.completed_at ? iso(row.completed_at) : null,
  };
}
