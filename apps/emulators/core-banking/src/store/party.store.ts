import { isUniqueViolation, migrate, type Database, type Queryable } from '@strata/persistence';
import { toBankTimestamp } from '../party/bank-time';
import { crmRefOf, type Party, type PartyBody } from '../party/party.types';
import { partyMigrations } from './party.migrations';

/** Why a write was refused; the routes turn each into the bank's own error code. */
export class PartyWriteError extends Error {
  constructor(
    readonly kind: 'not-found' | 'stale' | 'duplicate-ref',
    message: string,
  ) {
    super(message);
  }
}

/** One page of the `modifiedSince` listing. */
export interface PartyPage {
  parties: Party[];
  totalCount: number;
}

/**
 * The bank's parties in PGlite (a data folder in the emulator), so they survive kill -9.
 * Every write bumps `version` and sets `modifiedAt` from the clock, at second precision,
 * exactly like the bank: several writes can share one `modifiedAt`.
 */
export class PartyStore {
  private constructor(
    private readonly db: Database,
    private readonly clock: () => Date,
  ) {}

  static async open(db: Database, clock: () => Date = () => new Date()): Promise<PartyStore> {
    await migrate(db, partyMigrations);
    return new PartyStore(db, clock);
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*) AS n FROM parties');
    return Number(rows[0]?.n ?? 0);
  }

  async get(partyId: string): Promise<Party | undefined> {
    const { rows } = await this.db.query<{ doc: Party }>('SELECT doc FROM parties WHERE party_id = $1', [partyId]);
    return rows[0]?.doc;
  }

  async findByExternalRef(scheme: string, value: string): Promise<Party[]> {
    const { rows } = await this.db.query<{ doc: Party }>(
      `SELECT doc FROM parties WHERE doc->'externalRefs' @> $1::jsonb ORDER BY party_id`,
      [JSON.stringify([{ scheme, value }])],
    );
    return rows.map((row) => row.doc);
  }

  /** Parties changed at or after `modifiedSince`, ordered by `modifiedAt` then `partyId`. */
  async list(options: { modifiedSince?: string; page: number; pageSize: number }): Promise<PartyPage> {
    const since = options.modifiedSince ?? null;
    const where = 'WHERE ($1::text IS NULL OR modified_at >= $1)';
    const { rows } = await this.db.query<{ doc: Party }>(`SELECT doc FROM parties ${where} ORDER BY modified_at, party_id LIMIT $2 OFFSET $3`, [
      since,
      options.pageSize,
      (options.page - 1) * options.pageSize,
    ]);
    const total = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM parties ${where}`, [since]);
    return { parties: rows.map((row) => row.doc), totalCount: Number(total.rows[0]?.n ?? 0) };
  }

  /** Creates a party with the next free number, or with `partyId` (seeding). */
  async create(body: PartyBody, partyId?: string, modifiedAt?: string): Promise<Party> {
    return this.db.transaction(async (tx) => {
      const id = partyId ?? (await this.nextPartyId(tx));
      const party: Party = { ...body, partyId: id, modifiedAt: modifiedAt ?? toBankTimestamp(this.clock()), version: 1 };
      await this.write(tx, party, 'INSERT INTO parties (party_id, doc, modified_at, version, crm_ref) VALUES ($1, $2::jsonb, $3, $4, $5)');
      return party;
    });
  }

  /** Replaces a party if its version is still `expectedVersion` (optimistic concurrency). */
  async replace(partyId: string, body: PartyBody, expectedVersion: number): Promise<Party> {
    return this.db.transaction(async (tx) => {
      const current = await this.lockedParty(tx, partyId);
      if (current.version !== expectedVersion) throw new PartyWriteError('stale', `Party ${partyId} is at version ${current.version}, not ${expectedVersion}`);
      const party: Party = { ...body, partyId, modifiedAt: toBankTimestamp(this.clock()), version: current.version + 1 };
      await this.write(tx, party, 'UPDATE parties SET doc = $2::jsonb, modified_at = $3, version = $4, crm_ref = $5 WHERE party_id = $1');
      return party;
    });
  }

  /** Another teller saves the party unchanged: only `version` and `modifiedAt` move. */
  async touch(partyId: string): Promise<void> {
    const current = await this.get(partyId);
    if (current) await this.replace(partyId, stripMeta(current), current.version);
  }

  async reset(): Promise<void> {
    await this.db.exec('TRUNCATE parties; ALTER SEQUENCE party_numbers RESTART WITH 500000001;');
  }

  private async nextPartyId(tx: Queryable): Promise<string> {
    const { rows } = await tx.query<{ n: string }>("SELECT nextval('party_numbers') AS n");
    return `P${String(rows[0]?.n).padStart(9, '0')}`;
  }

  private async lockedParty(tx: Queryable, partyId: string): Promise<Party> {
    const { rows } = await tx.query<{ doc: Party }>('SELECT doc FROM parties WHERE party_id = $1 FOR UPDATE', [partyId]);
    if (!rows[0]) throw new PartyWriteError('not-found', `No party ${partyId}`);
    return rows[0].doc;
  }

  private async write(tx: Queryable, party: Party, sql: string): Promise<void> {
    try {
      await tx.query(sql, [party.partyId, JSON.stringify(party), party.modifiedAt, party.version, crmRefOf(party)]);
    } catch (error) {
      if (isUniqueViolation(error)) throw new PartyWriteError('duplicate-ref', `Another party already carries CRM reference ${crmRefOf(party)} (or id ${party.partyId})`);
      throw error;
    }
  }
}

/** The writable part of a stored party. */
export function stripMeta(party: Party): PartyBody {
  const { partyId: _id, modifiedAt: _at, version: _v, ...body } = party;
  return body;
}
