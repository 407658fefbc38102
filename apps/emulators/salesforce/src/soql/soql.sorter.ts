import type { SObjectRecord } from '../schema/schema.types';
import type { OrderItem } from './soql.ast';
import { SoqlError } from './soql.errors';
import type { ResolvedField } from './soql.resolver';
import { categoryOf, compareKeys, Key, ValueCategory, valueKey } from './soql.values';

/** One ORDER BY key bound to the schema. */
export interface SortKey {
  field: ResolvedField;
  category: ValueCategory;
  descending: boolean;
  nullsFirst: boolean;
}

/** Binds ORDER BY items; multi-select picklists cannot be sorted, as in Salesforce. */
export function compileOrder(
  items: OrderItem[],
  resolve: (item: OrderItem) => ResolvedField,
  source: string,
): SortKey[] {
  return items.map((item) => {
    const field = resolve(item);
    if (field.field.type === 'multipicklist') {
      const detail = `field '${field.path.text}' can not be sorted in a query call`;
      throw new SoqlError('INVALID_FIELD', detail, source, field.path.pos);
    }
    return {
      field,
      category: categoryOf(field.field.type),
      descending: item.direction === 'DESC',
      nullsFirst: item.nulls === 'FIRST',
    };
  });
}

/**
 * Sorts rows by the keys: each row's sort values are computed once (not per
 * comparison), then one stable O(n log n) sort runs. Text sorts case-insensitively.
 */
export function sortRows(
  rows: SObjectRecord[],
  keys: SortKey[],
  read: (row: SObjectRecord, field: ResolvedField) => unknown,
): SObjectRecord[] {
  const decorated = rows.map((row) => ({ row, values: keys.map((k) => valueKey(k.category, read(row, k.field))) }));
  decorated.sort((a, b) => compareRows(a.values, b.values, keys));
  return decorated.map((entry) => entry.row);
}

function compareRows(a: (Key | null)[], b: (Key | null)[], keys: SortKey[]): number {
  for (let i = 0; i < keys.length; i++) {
    const [x, y, key] = [a[i], b[i], keys[i]];
    if (x === null && y === null) continue;
    if (x === null) return key.nullsFirst ? -1 : 1;
    if (y === null) return key.nullsFirst ? 1 : -1;
    const order = compareKeys(x, y);
    if (order !== 0) return key.descending ? -order : order;
  }
  return 0;
}
