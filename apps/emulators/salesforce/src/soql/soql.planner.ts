import type { SObjectRecord } from '../schema/schema.types';
import type { FieldPath, SoqlQuery } from './soql.ast';
import { SoqlError } from './soql.errors';
import type { ExecuteOptions, QuerySource } from './soql.evaluator';
import { compileCondition, RowPredicate } from './soql.filter';
import { indexSchema, ParentLookup, readField, ResolvedField, resolveField, resolveObject } from './soql.resolver';
import { createShaper, ResultRecord } from './soql.shaper';
import { compileOrder, SortKey, sortRows } from './soql.sorter';

/** A query bound to one org: everything the row loop needs, with no names left to look up. */
export interface QueryPlan {
  /** The queried object's canonical name. */
  objectName: string;
  isCount: boolean;
  filter: RowPredicate;
  order: SortKey[];
  sort(rows: SObjectRecord[]): SObjectRecord[];
  shape(row: SObjectRecord): ResultRecord;
}

/**
 * Binds a parsed query to the org's schema. All schema errors are raised here, in the
 * order Salesforce reports them (object, selected fields, filter, ordering), before any
 * row is read.
 */
export function planQuery(query: SoqlQuery, source: QuerySource, options: ExecuteOptions): QueryPlan {
  const index = indexSchema(source.schema);
  const object = resolveObject(index, query.from.name, query.from.pos, query.source);
  const resolve = (path: FieldPath): ResolvedField => resolveField(index, object, path, query.source);
  const lookup: ParentLookup = (hop, id) => {
    const parent = source.byId(hop.target.name, id);
    return parent && (parent.IsDeleted !== true || options.includeDeleted) ? parent : undefined;
  };
  const read = (row: SObjectRecord, field: ResolvedField): unknown => readField(row, field, lookup);

  const isCount = query.select.some((item) => item.kind === 'count');
  const selected = resolveSelectList(query, resolve);
  const filter = query.where
    ? compileCondition(query.where, { source: query.source, now: options.now, resolve, read })
    : () => true;
  const order = compileOrder(query.orderBy, (item) => resolve(item.field), query.source);
  return {
    objectName: object.name,
    isCount,
    filter,
    order,
    sort: (rows) => sortRows(rows, order, read),
    shape: createShaper(object.name, selected, options.apiVersion ?? '58.0', lookup),
  };
}

/** Resolves the SELECT list; the same field twice (in any case) is rejected like Salesforce does. */
function resolveSelectList(query: SoqlQuery, resolve: (path: FieldPath) => ResolvedField): ResolvedField[] {
  const seen = new Set<string>();
  const fields: ResolvedField[] = [];
  for (const item of query.select) {
    if (item.kind !== 'field') continue;
    const field = resolve(item);
    const key = [...field.hops.map((hop) => hop.relationshipName), field.field.name].join('.').toLowerCase();
    if (seen.has(key)) {
      throw new SoqlError('MALFORMED_QUERY', `duplicate field selected: ${field.field.name}`, query.source, item.pos);
    }
    seen.add(key);
    fields.push(field);
  }
  return fields;
}
