import type { OrgSchema, SObjectRecord } from '../schema/schema.types';
import type { SoqlQuery } from './soql.ast';
import { planQuery } from './soql.planner';
import type { ResultRecord } from './soql.shaper';

/**
 * Where a query reads its rows. The engine never touches storage itself, so the same
 * code runs over the emulator's durable store and over plain arrays in tests.
 */
export interface QuerySource {
  readonly schema: OrgSchema;
  /** Every row of an object (canonical name), deleted ones included with `IsDeleted: true`. */
  records(objectName: string): Iterable<SObjectRecord>;
  /** One row by id, for parent relationship fields; deleted rows may be returned. */
  byId(objectName: string, id: string): SObjectRecord | undefined;
}

/** Per-call settings; `now` is required so relative dates never read the wall clock. */
export interface ExecuteOptions {
  /** The instant relative date literals (TODAY, LAST_N_DAYS:n) are measured from, in UTC. */
  now: Date;
  /** queryAll: keep rows (and parents) whose `IsDeleted` is true. */
  includeDeleted?: boolean;
  /** The version in each record's `attributes.url`; defaults to `58.0`. */
  apiVersion?: string;
}

/** The complete, ordered answer; the REST layer cuts it into pages. */
export interface QueryResult {
  totalSize: number;
  records: ResultRecord[];
}

/**
 * Runs a parsed query: binds every name to the schema first (so INVALID_FIELD and
 * INVALID_TYPE surface even on an empty org), then filters, sorts, applies OFFSET and
 * LIMIT, and shapes rows as the REST API does. `COUNT()` answers `records: []` with
 * the count in `totalSize`.
 */
export function executeSoql(query: SoqlQuery, source: QuerySource, options: ExecuteOptions): QueryResult {
  const plan = planQuery(query, source, options);
  let rows: SObjectRecord[] = [];
  for (const row of source.records(plan.objectName)) {
    if (row.IsDeleted === true && !options.includeDeleted) continue;
    if (plan.filter(row)) rows.push(row);
  }
  if (!plan.isCount && plan.order.length > 0) rows = plan.sort(rows);
  const start = query.offset ?? 0;
  rows = rows.slice(start, query.limit === undefined ? undefined : start + query.limit);
  if (plan.isCount) return { totalSize: rows.length, records: [] };
  return { totalSize: rows.length, records: rows.map(plan.shape) };
}
