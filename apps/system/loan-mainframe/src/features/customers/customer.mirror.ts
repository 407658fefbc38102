import type { Customer } from '@strata/contracts-system-loan-mainframe';
import { decodeCursor, encodeCursor } from '@strata/contract-kit';
import { ValidationError } from '@strata/errors';
import type { Database } from '@strata/persistence';
import { ENTITY_STATE_TABLE } from '@strata/change-feed';

/**
 * Borrowers as the last files described them. The mainframe cannot be asked anything,
 * so reads are answered from the change feed's entity state table (`ENTITY_STATE_TABLE`
 * of @strata/change-feed), which holds each borrower's latest clean state, committed
 * together with the feed position: reads and the feed never disagree.
 */
export class CustomerMirror {
  constructor(private readonly db: Database) {}

  async get(id: string): Promise<Customer | undefined> {
    const { rows } = await this.db.query<{ data: Customer }>(
      `SELECT data FROM ${ENTITY_STATE_TABLE} WHERE entity_type = 'customer' AND entity_id = $1 AND data IS NOT NULL`,
      [id],
    );
    return rows[0]?.data;
  }

  /** The borrower of a golden key; the lowest loan account when one person holds several loans. */
  async byKey(customerKey: string): Promise<Customer | undefined> {
    const { rows } = await this.db.query<{ data: Customer }>(
      `SELECT data FROM ${ENTITY_STATE_TABLE} WHERE entity_type = 'customer' AND data->>'customerKey' = $1 ORDER BY entity_id LIMIT 1`,
      [customerKey],
    );
    return rows[0]?.data;
  }

  /** A page in loan account order; `q` matches names or email, ignoring case. */
  async list(query: { q?: string; after?: string; limit: number }): Promise<{ items: Customer[]; nextCursor: string | null }> {
    const after = query.after === undefined ? '' : decodeCursor<{ id: string }>(query.after)?.id;
    if (typeof after !== 'string') throw new ValidationError('Invalid cursor', [{ path: 'query.after', message: 'not a cursor this API issued' }]);
    const pattern = query.q ? `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const { rows } = await this.db.query<{ entity_id: string; data: Customer }>(
      `SELECT entity_id, data FROM ${ENTITY_STATE_TABLE}
       WHERE entity_type = 'customer' AND data IS NOT NULL AND entity_id > $1
         AND ($2::text IS NULL OR lower(concat_ws(' ', data->>'firstName', data->>'lastName', data->>'email')) LIKE $2)
       ORDER BY entity_id LIMIT $3`,
      [after, pattern, query.limit + 1],
    );
    const items = rows.slice(0, query.limit).map((row) => row.data);
    const last = items[items.length - 1];
    const nextCursor = rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null;
    return { items, nextCursor };
  }
}
