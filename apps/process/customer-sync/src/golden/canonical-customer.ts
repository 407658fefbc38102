import { GOLDEN_FIELDS, type CanonicalCustomer, type GoldenField, type SyncedSystem } from '@strata/contracts-process-customer-sync';
import type { Queryable } from '@strata/persistence';
import type { GoldenValues } from './survivorship';

interface GoldenRow {
  customer_key: string;
  version: number;
  sources: GoldenValues;
  created_at: Date | string;
  updated_at: Date | string;
}

const EMPTY_ADDRESS = { street: null, city: null, state: null, postalCode: null, country: null };

/** One system's record linked to a golden record, with its version as last read or written. */
export interface GoldenLink {
  system: SyncedSystem;
  record_id: string;
  record_version: string | null;
}

/** The golden record in the contract's shape, or null when there is none (or it has no values yet). */
export async function loadCanonicalCustomer(db: Queryable, customerKey: string): Promise<CanonicalCustomer | null> {
  return (await loadGoldenWithLinks(db, customerKey))?.customer ?? null;
}

/** A golden record in the contract's shape with the links propagation writes through. */
export interface GoldenWithLinks {
  customer: CanonicalCustomer;
  links: GoldenLink[];
}

/**
 * The golden record and its links (with record versions) in one query: every delivery
 * reads both, and on PGlite each query is time on customer-sync's only thread.
 */
export async function loadGoldenWithLinks(db: Queryable, customerKey: string): Promise<GoldenWithLinks | null> {
  return (await loadGoldensWithLinks(db, [customerKey])).get(customerKey) ?? null;
}

/** {@link loadGoldenWithLinks} for a batch of deliveries, still one query; keys without a golden record (or values yet) are absent. */
export async function loadGoldensWithLinks(db: Queryable, customerKeys: readonly string[]): Promise<Map<string, GoldenWithLinks>> {
  const { rows } = await db.query<GoldenRow & { links: GoldenLink[] }>(
    `SELECT g.customer_key, g.version, g.sources, g.created_at, g.updated_at,
       COALESCE(json_agg(json_build_object('system', x.system, 'record_id', x.record_id, 'record_version', x.record_version)) FILTER (WHERE x.system IS NOT NULL), '[]') AS links
     FROM golden_customers g LEFT JOIN xref x ON x.customer_key = g.customer_key
     WHERE g.customer_key = ANY($1::text[]) GROUP BY g.customer_key`,
    [customerKeys],
  );
  const found = new Map<string, GoldenWithLinks>();
  for (const row of rows) if (Number(row.version) !== 0) found.set(row.customer_key, { customer: toCanonicalCustomer(row, row.links), links: row.links });
  return found;
}

/** Builds the contract shape from stored values: each field's value plus where it came from. */
export function toCanonicalCustomer(row: GoldenRow, links: { system: SyncedSystem; record_id: string }[]): CanonicalCustomer {
  const value = <T>(field: GoldenField, fallback: T): T => (row.sources[field]?.value as T | undefined) ?? fallback;
  const identifiers = { salesforce: null, 'core-banking': null, 'card-platform': null, 'loan-mainframe': null } as CanonicalCustomer['identifiers'];
  for (const link of links) identifiers[link.system] = link.record_id;
  const sources: CanonicalCustomer['sources'] = {};
  for (const field of GOLDEN_FIELDS) {
    const source = row.sources[field];
    if (source) sources[field] = { system: source.system, at: new Date(source.at).toISOString(), rule: source.rule };
  }
  return {
    customerKey: row.customer_key,
    firstName: value<string | null>('firstName', null),
    lastName: value<string>('lastName', ''),
    birthDate: value<string | null>('birthDate', null),
    email: value<string | null>('email', null),
    phone: value<string | null>('phone', null),
    address: { ...EMPTY_ADDRESS, ...value<Partial<CanonicalCustomer['address']>>('address', {}) },
    status: value<CanonicalCustomer['status']>('status', 'active'),
    identifiers,
    version: Number(row.version),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    sources,
  };
}
