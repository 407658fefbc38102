import { decodeCursor, encodeCursor } from '@strata/contract-kit';
import type { AuditAction, AuditEvent } from '@strata/contracts-experience-advisor';
import { ValidationError } from '@strata/errors';
import { migrate, type Database } from '@strata/persistence';
import { auditMigrations } from './audit.migrations';

/** What a route records: everything but the id and time, which the store assigns. */
export type NewAuditEvent = Omit<AuditEvent, 'id' | 'at'>;

export interface AuditQuery {
  customerKey?: string;
  staffId?: string;
  cursor?: string;
  limit: number;
}

/**
 * The audit trail: who (staff id, calling app) did what with which customer, under
 * which correlation id. `record` must resolve before the data it records is answered.
 */
export interface AuditStore {
  record(event: NewAuditEvent): Promise<AuditEvent>;
  list(query: AuditQuery): Promise<{ items: AuditEvent[]; nextCursor: string | null }>;
}

interface AuditRow {
  id: string;
  at: Date | string;
  staff_id: string;
  client_id: string;
  customer_key: string;
  action: AuditAction;
  correlation_id: string;
}

const toEvent = (row: AuditRow): AuditEvent => ({
  id: String(row.id),
  at: new Date(row.at).toISOString(),
  staffId: row.staff_id,
  clientId: row.client_id,
  customerKey: row.customer_key,
  action: row.action,
  correlationId: row.correlation_id,
});

/** The id a cursor continues before, or a 400 naming `query.cursor` when it is not one of ours. */
function beforeId(cursor: string | undefined): number {
  if (cursor === undefined) return Number.MAX_SAFE_INTEGER;
  const id = decodeCursor<{ id?: unknown }>(cursor)?.id;
  if (typeof id !== 'number') throw new ValidationError('Invalid cursor', [{ path: 'query.cursor', message: 'Not a cursor from this list' }]);
  return id;
}

/** The audit trail in PGlite or PostgreSQL through @strata/persistence; newest first. */
export class SqlAuditStore implements AuditStore {
  private constructor(private readonly db: Database) {}

  /** Applies the audit migrations, then serves the store. */
  static async open(db: Database): Promise<SqlAuditStore> {
    await migrate(db, auditMigrations);
    return new SqlAuditStore(db);
  }

  async record(event: NewAuditEvent): Promise<AuditEvent> {
    const { rows } = await this.db.query<AuditRow>(
      'INSERT INTO audit_events (staff_id, client_id, customer_key, action, correlation_id) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [event.staffId, event.clientId, event.customerKey, event.action, event.correlationId],
    );
    return toEvent(rows[0] as AuditRow);
  }

  async list(query: AuditQuery) {
    const { rows } = await this.db.query<AuditRow>(
      `SELECT * FROM audit_events
       WHERE id < $1 AND ($2::text IS NULL OR customer_key = $2) AND ($3::text IS NULL OR staff_id = $3)
       ORDER BY id DESC LIMIT $4`,
      [beforeId(query.cursor), query.customerKey ?? null, query.staffId ?? null, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toEvent), nextCursor: rows.length > query.limit && last ? encodeCursor({ id: Number(last.id) }) : null };
  }
}
