import { isUniqueViolation, migrate, type Database, type Queryable } from '@strata/persistence';
import { type Cardholder, type CardStatus, inWsdlOrder } from './cardholder.types';
import { storeMigrations } from './store.migrations';

const COLUMNS: Record<keyof Cardholder, string> = {
  CardholderId: 'cardholder_id', CustomerRef: 'customer_ref', FullName: 'full_name', DateOfBirth: 'date_of_birth',
  EmailAddress: 'email_address', MobileNumber: 'mobile_number', AddrLine1: 'addr_line1', AddrLine2: 'addr_line2',
  AddrLine3: 'addr_line3', PostCode: 'post_code', CountryCode: 'country_code', Status: 'status', CardProduct: 'card_product',
};
const FIELDS = Object.keys(COLUMNS) as (keyof Cardholder)[];
const INSERT_CHUNK = 500;

/** What a search may filter on; at least one must be given. */
export interface SearchCriteria {
  CustomerRef?: string;
  EmailAddress?: string;
  FamilyName?: string;
}

/** Another cardholder already carries this golden key. */
export class DuplicateCustomerRefError extends Error {}

/**
 * The platform's cardholders in PGlite (a data folder), so the emulator keeps its state
 * across `kill -9`. Every write is one statement or one transaction.
 */
export class CardholderStore {
  /**
   * Every cardholder in id order, as last read whole, until the next write. A System API
   * lists the whole platform every half second to find changes (the platform keeps no
   * modification times), and reading it from PGlite each time was most of the
   * emulator's CPU while nothing changed. Pages are served from here.
   */
  private listing: readonly Cardholder[] | undefined;
  /** Counts writes, so a listing read while a write ran is not kept. */
  private writes = 0;

  private constructor(private readonly db: Database) {}

  static async open(db: Database): Promise<CardholderStore> {
    await migrate(db, storeMigrations);
    return new CardholderStore(db);
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*) AS n FROM cardholders');
    return Number(rows[0]?.n ?? 0);
  }

  async get(id: string): Promise<Cardholder | undefined> {
    const { rows } = await this.db.query<Row>('SELECT * FROM cardholders WHERE cardholder_id = $1', [id]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async search(criteria: SearchCriteria, limit: number): Promise<Cardholder[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: string) => where.push(sql.replace('?', `$${params.push(value)}`));
    if (criteria.CustomerRef) add('customer_ref = ?', criteria.CustomerRef);
    if (criteria.EmailAddress) add('lower(email_address) = lower(?)', criteria.EmailAddress);
    if (criteria.FamilyName) add("full_name LIKE ? || ',%'", criteria.FamilyName.toUpperCase());
    const { rows } = await this.db.query<Row>(`SELECT * FROM cardholders WHERE ${where.join(' AND ')} ORDER BY cardholder_id LIMIT ${limit}`, params);
    return rows.map(fromRow);
  }

  /** One page in id order after `startAfter`; keyset paging, so writes never shift pages. */
  async page(pageSize: number, startAfter: string | undefined): Promise<Cardholder[]> {
    const all = await this.inIdOrder();
    const from = startAfter === undefined ? 0 : firstAfter(all, startAfter);
    return all.slice(from, from + pageSize);
  }

  private async inIdOrder(): Promise<readonly Cardholder[]> {
    if (this.listing) return this.listing;
    const writesBefore = this.writes;
    // COLLATE "C": the code-unit order of JavaScript's `<`, which the paging below relies on.
    const { rows } = await this.db.query<Row>('SELECT * FROM cardholders ORDER BY cardholder_id COLLATE "C"');
    const all = rows.map(fromRow);
    if (this.writes === writesBefore) this.listing = all;
    return all;
  }

  /** Runs a write and forgets the listing (before, for reads that start meanwhile; after, for reads that started before). */
  private async writing<T>(write: () => Promise<T>): Promise<T> {
    this.writes += 1;
    this.listing = undefined;
    try {
      return await write();
    } finally {
      this.writes += 1;
      this.listing = undefined;
    }
  }

  /** Inserts or replaces the whole record (SOAP upserts send every field). */
  async save(record: Cardholder): Promise<{ created: boolean }> {
    const values = FIELDS.map((f) => record[f] ?? null);
    const sets = FIELDS.slice(1).map((f) => `${COLUMNS[f]} = EXCLUDED.${COLUMNS[f]}`).join(', ');
    try {
      const { rows } = await this.writing(() =>
        this.db.query<{ created: boolean }>(
          `INSERT INTO cardholders (${FIELDS.map((f) => COLUMNS[f]).join(', ')}) VALUES (${FIELDS.map((_f, i) => `$${i + 1}`).join(', ')})
           ON CONFLICT (cardholder_id) DO UPDATE SET ${sets} RETURNING (xmax = 0) AS created`,
          values,
        ),
      );
      return { created: rows[0]?.created === true };
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateCustomerRefError(`CustomerRef ${record.CustomerRef} belongs to another cardholder`);
      throw error;
    }
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.writing(() => this.db.query('DELETE FROM cardholders WHERE cardholder_id = $1', [id]));
    return result.rowCount > 0;
  }

  /**
   * A fresh platform-style id: the first free `CP-` number from 900001 up, a range the
   * seed's scattered ids rarely use, so new cardholders stand out in listings.
   */
  async nextId(): Promise<string> {
    const { rows } = await this.db.query<{ id: string }>("SELECT cardholder_id AS id FROM cardholders WHERE cardholder_id >= 'CP-900001' ORDER BY cardholder_id");
    let candidate = 900_001;
    for (const { id } of rows) {
      if (Number(id.slice(3)) !== candidate) break;
      candidate += 1;
    }
    if (candidate > 999_999) throw new Error('The CP- id range for new cardholders is exhausted');
    return `CP-${candidate}`;
  }

  async insertMany(records: Cardholder[]): Promise<void> {
    await this.writing(() =>
      this.db.transaction(async (tx) => {
        for (let start = 0; start < records.length; start += INSERT_CHUNK) await insertChunk(tx, records.slice(start, start + INSERT_CHUNK));
      }),
    );
  }

  async clear(): Promise<void> {
    await this.writing(() => this.db.query('DELETE FROM cardholders'));
  }
}

async function insertChunk(tx: Queryable, records: Cardholder[]): Promise<void> {
  const width = FIELDS.length;
  const tuples = records.map((_r, i) => `(${FIELDS.map((_f, j) => `$${i * width + j + 1}`).join(', ')})`).join(', ');
  const params = records.flatMap((r) => FIELDS.map((f) => r[f] ?? null));
  await tx.query(`INSERT INTO cardholders (${FIELDS.map((f) => COLUMNS[f]).join(', ')}) VALUES ${tuples}`, params);
}

/** Index of the first cardholder whose id sorts after `id` (binary search over id order). */
function firstAfter(all: readonly Cardholder[], id: string): number {
  let low = 0;
  let high = all.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((all[middle] as Cardholder).CardholderId <= id) low = middle + 1;
    else high = middle;
  }
  return low;
}

type Row = Record<string, string | null>;

function fromRow(row: Row): Cardholder {
  const record: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = row[COLUMNS[field]];
    if (value !== null && value !== undefined) record[field] = value;
  }
  return inWsdlOrder({ ...(record as unknown as Cardholder), Status: record['Status'] as CardStatus });
}
