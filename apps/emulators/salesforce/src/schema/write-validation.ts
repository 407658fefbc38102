import { normalizeFieldValue } from './field-value.normalizer';
import { findField } from './org-schema.lookup';
import { sameId } from './salesforce-id';
import { FieldDef, ObjectDef, OrgSchema, SalesforceError, SObjectRecord } from './schema.types';

/** How a write is checked: creates need every required field; updates only touch what they send. */
export interface WriteValidationOptions {
  mode: 'create' | 'update';
  /** The stored record an update applies to; an `Id` in the body that names it is ignored. */
  existing?: SObjectRecord;
  /** When given, reference values must carry the key prefix of the object they point to. */
  schema?: OrgSchema;
}

/**
 * Either the values to store (canonical field names, normalised values, defaults added
 * on create) or every error a real org would report for the body, so the route can
 * answer jsforce with Salesforce's own error array.
 */
export type WriteValidationResult = { ok: true; values: Record<string, unknown> } | { ok: false; errors: SalesforceError[] };

const READ_ONLY_HINT = 'Please check the security settings of this field and verify that it is read/write for your profile or permission set.';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Pairs input keys with their fields (case-insensitively); unknown keys become INVALID_FIELD. */
function resolveFields(object: ObjectDef, input: Record<string, unknown>): { pairs: [FieldDef, unknown][]; errors: SalesforceError[] } {
  const pairs: [FieldDef, unknown][] = [];
  const errors: SalesforceError[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (key.toLowerCase() === 'attributes' || value === undefined) continue;
    const field = findField(object, key);
    if (field) pairs.push([field, value]);
    else errors.push({ errorCode: 'INVALID_FIELD', message: `No such column '${key}' on sobject of type ${object.name}`, fields: [] });
  }
  return { pairs, errors };
}

/** Callers may not write system fields; an update may repeat the record's own Id. */
function readOnlyErrors(pairs: [FieldDef, unknown][], options: WriteValidationOptions): SalesforceError[] {
  const errors: SalesforceError[] = [];
  const denied: string[] = [];
  for (const [field, value] of pairs) {
    if (!field.readOnly) continue;
    const ownId = field.type === 'id' && options.existing !== undefined && typeof value === 'string' && sameId(value, options.existing.Id);
    if (field.type === 'id' && options.mode === 'create') {
      const message = 'Record ID: cannot specify Id in an insert call';
      errors.push({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', message, fields: [field.name] });
    } else if (!ownId) {
      denied.push(field.name);
    }
  }
  if (denied.length) {
    const message = `Unable to create/update fields: ${denied.join(', ')}. ${READ_ONLY_HINT}`;
    errors.push({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', message, fields: denied });
  }
  return errors;
}

/** Fields that end up without a value although the object requires one (fields already reported are skipped). */
function missingRequired(
  object: ObjectDef,
  values: Record<string, unknown>,
  mode: WriteValidationOptions['mode'],
  reported: Set<string>,
): SalesforceError[] {
  const missing = object.fields
    .filter((f) => f.required && !f.readOnly && !reported.has(f.name))
    .filter((f) => (mode === 'create' ? values[f.name] === undefined || values[f.name] === null : values[f.name] === null))
    .map((f) => f.name);
  if (!missing.length) return [];
  return [{ errorCode: 'REQUIRED_FIELD_MISSING', message: `Required fields are missing: [${missing.join(', ')}]`, fields: missing }];
}

/** On create, fields the caller left out get their default (checkboxes default to false). */
function addDefaults(object: ObjectDef, values: Record<string, unknown>): void {
  for (const field of object.fields) {
    if (field.readOnly || field.name in values) continue;
    if (field.defaultValue !== undefined && field.defaultValue !== null) values[field.name] = field.defaultValue;
    else if (field.type === 'boolean') values[field.name] = false;
  }
}

/**
 * Checks a create or update body against the object's metadata the way a real org
 * does, with its error codes and messages, so that code under test meets the same
 * failures locally as in production. Checks run in Salesforce's order: unknown fields
 * first (the body is rejected before anything else), then read-only fields, then
 * values and required fields together. Uniqueness needs other records and is left to
 * the store (see `uniqueFieldsOf`).
 */
export function validateWrite(object: ObjectDef, input: unknown, options: WriteValidationOptions): WriteValidationResult {
  if (!isPlainObject(input)) {
    const message = `Cannot deserialize instance of ${object.name} from ${Array.isArray(input) ? 'an array' : 'a non-object'}`;
    return { ok: false, errors: [{ errorCode: 'JSON_PARSER_ERROR', message, fields: [] }] };
  }
  const { pairs, errors: unknown } = resolveFields(object, input);
  if (unknown.length) return { ok: false, errors: unknown };
  const denied = readOnlyErrors(pairs, options);
  if (denied.length) return { ok: false, errors: denied };

  const values: Record<string, unknown> = {};
  const errors: SalesforceError[] = [];
  for (const [field, value] of pairs) {
    if (field.readOnly) continue;
    if (value === null) {
      values[field.name] = field.type === 'boolean' ? false : null;
      continue;
    }
    const result = normalizeFieldValue(field, value, options.schema);
    if (result.ok) values[field.name] = result.value;
    else errors.push(result.error);
  }
  errors.push(...missingRequired(object, values, options.mode, new Set(errors.flatMap((e) => e.fields))));
  if (errors.length) return { ok: false, errors };
  if (options.mode === 'create') addDefaults(object, values);
  return { ok: true, values };
}
