import { decodeCursor, encodeCursor } from '@strata/contract-kit';
import type { CanonicalCustomer, SyncedSystem } from '@strata/contracts-process-customer-sync';
import { NotFoundError, ValidationError } from '@strata/errors';
import type { Database } from '@strata/persistence';
import { loadCanonicalCustomer, toCanonicalCustomer } from '../golden/canonical-customer';
import type { GoldenValues } from '../golden/survivorship';

/** The text a cursor wraps, or a 400 naming `query.after` when it is not one of ours. */
export function cursorValue(after: string | undefined, field: string): string | undefined {
  if (after === undefined) return undefined;
  const value = decodeCursor<Record<string, unknown>>(after)?.[field];
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new ValidationError('Invalid cursor', [{ path: 'query.after', message: 'Not a cursor from this list' }]);
  }
  return String(value);
}

/** Accented letters and their plain forms, for `translate()`: search ignores accents as matching does. */
const ACCENTED = 'áàäâãåéèëêíìïîóòöôõøúùüûñçÁÀÄÂÉÈËÍÎÓÖØÚÜÑÇ';
const PLAIN = 'aaaaaaeeeeiiiioooooouuuuncAAAAEEEIIOOOUUNC';

interface GoldenRow {
  customer_key: string;
  version: number;
  sources: GoldenValues;
  created_at: Date;
  updated_at: Date;
  links: { system: SyncedSystem; record_id: string }[] | null;
}

/**
 * Golden records matching `q` in a name, the email, the phone or any system's id,
 * ordered by golden key. Names match case- and accent-insensitively on their start
 * (`nun` finds Núñez); ids and emails match exactly or by prefix.
 */
export async function searchCustomers(db: Database, query: { q?: string; after?: string; limit: number }): Promise<{ items: CanonicalCustomer[]; nextCursor: string | null }> {
  const after = cursorValue(query.after, 'key') ?? '';
  const q = query.q?.trim().toLowerCase();
  const params: unknown[] = [after, query.limit + 1];
  let filter = '';
  if (q) {
    params.push(`${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, ACCENTED, PLAIN);
    filter = `AND (
      lower(g.sources->'lastName'->>'value') LIKE $3 OR lower(g.sources->'firstName'->>'value') LIKE $3
      OR lower(translate(g.sources->'lastName'->>'value', $4, $5)) LIKE $3 OR lower(translate(g.sources->'firstName'->>'value', $4, $5)) LIKE $3
      OR lower(g.sources->'email'->>'value') LIKE $3 OR g.sources->'phone'->>'value' LIKE $3
      OR lower(g.customer_key) LIKE $3
      OR EXISTS (SELECT 1 FROM xref x WHERE x.customer_key = g.customer_key AND lower(x.record_id) LIKE $3))`;
  }
  const { rows } = await db.query<GoldenRow>(
    `SELECT g.*, (SELECT json_agg(json_build_object('system', x.system, 'record_id', x.record_id)) FROM xref x WHERE x.customer_key = g.customer_key) AS links
     FROM golden_customers g WHERE g.version > 0 AND g.customer_key > $1 ${filter} ORDER BY g.customer_key LIMIT $2`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const items = page.map((row) => toCanonicalCustomer(row, row.links ?? []));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ key: last.customer_key }) : null };
}

export async function getCustomer(db: Database, customerKey: string): Promise<CanonicalCustomer> {
  const customer = await loadCanonicalCustomer(db, customerKey);
  if (!customer) throw new NotFoundError(`No customer ${customerKey}`);
  return customer;
}

export async function getCustomerBySystemId(db: Database, system: SyncedSystem, id: string): Promise<CanonicalCustomer> {
  const { rows } = await db.query<{ customer_key: string }>('SELECT customer_key FROM xref WHERE system = $1 AND record_id = $2', [system, id]);
  const key = rows[0]?.customer_key;
  if (!key) throw new NotFoundError(`No customer is linked to ${system} record ${id}`);
  return getCustomer(db, key);
}
