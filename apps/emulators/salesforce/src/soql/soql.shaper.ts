import type { SObjectRecord } from '../schema/schema.types';
import type { ParentLookup, ResolvedField } from './soql.resolver';

/** A query row as the REST API returns it: `attributes` first, then selected fields in order. */
export interface ResultRecord {
  attributes: { type: string; url: string };
  [field: string]: unknown;
}

/**
 * Builds the function that turns a stored row into its REST shape. Parent fields are
 * nested under the relationship name with their own `attributes`
 * (`Account: { attributes, Name }`), or `Account: null` when the lookup is empty.
 */
export function createShaper(
  type: string,
  fields: ResolvedField[],
  apiVersion: string,
  lookup: ParentLookup,
): (row: SObjectRecord) => ResultRecord {
  const version = apiVersion.replace(/^v/i, '');
  const attributes = (objectType: string, id: string) => ({
    type: objectType,
    url: `/services/data/v${version}/sobjects/${objectType}/${id}`,
  });
  return (row) => {
    const out: ResultRecord = { attributes: attributes(type, row.Id) };
    for (const field of fields) writeField(out, row, field, lookup, attributes);
    return out;
  };
}

function writeField(
  out: Record<string, unknown>,
  row: SObjectRecord,
  field: ResolvedField,
  lookup: ParentLookup,
  attributes: (type: string, id: string) => ResultRecord['attributes'],
): void {
  let target = out;
  let current = row;
  for (const hop of field.hops) {
    const id = current[hop.reference.name];
    const parent = typeof id === 'string' && id !== '' ? lookup(hop, id) : undefined;
    if (!parent) {
      target[hop.relationshipName] ??= null;
      return;
    }
    target[hop.relationshipName] ??= { attributes: attributes(hop.target.name, parent.Id) };
    target = target[hop.relationshipName] as Record<string, unknown>;
    current = parent;
  }
  target[field.field.name] = current[field.field.name] ?? null;
}
