import { findField } from '../schema/org-schema.lookup';
import type { ObjectDef, SObjectRecord } from '../schema/schema.types';
import { SalesforceApiError } from './salesforce-api-error';
import { recordUrl } from './request-context';

/**
 * A record as REST returns it: `attributes` first, then the requested fields (all of
 * them when `fields` is absent), in the schema's canonical case.
 */
export function shapeRecord(object: ObjectDef, record: SObjectRecord, version: string, fields?: string[]): Record<string, unknown> {
  const names = fields ?? object.fields.map((f) => f.name);
  const out: Record<string, unknown> = { attributes: { type: object.name, url: recordUrl(version, object.name, record.Id) } };
  for (const name of names) {
    const field = findField(object, name);
    if (!field) throw new SalesforceApiError(400, [{ errorCode: 'INVALID_FIELD', message: `No such column '${name}' on entity '${object.name}'.` }]);
    out[field.name] = record[field.name] ?? null;
  }
  return out;
}

/** `?fields=A,B` as a list, or undefined for every field. */
export function fieldsParam(raw: unknown): string[] | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  return raw.split(',').map((f) => f.trim()).filter(Boolean);
}
