import { findObject } from './org-schema.lookup';
import { isValidId, keyPrefixOf, to18 } from './salesforce-id';
import { FieldDef, OrgSchema, SalesforceError } from './schema.types';

/** One field's value, made canonical, or the Salesforce error a real org would give for it. */
export type NormalizedValue = { ok: true; value: unknown } | { ok: false; error: SalesforceError };

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Formats an instant as Salesforce prints datetimes (`2024-01-31T10:00:00.000+0000`).
 * jsforce and callers compare these strings, so the store's system timestamps must use
 * it too, not `toISOString()`'s `Z` form.
 */
export function formatSalesforceDateTime(instant: Date): string {
  return `${instant.toISOString().slice(0, 23)}+0000`;
}

function fail(field: FieldDef, errorCode: string, message: string): NormalizedValue {
  return { ok: false, error: { errorCode, message: `${field.label}: ${message}`, fields: [field.name] } };
}

function wrongType(field: FieldDef, value: unknown): NormalizedValue {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return fail(field, 'INVALID_TYPE_ON_FIELD_IN_RECORD', `value not of required type: ${shown}`);
}

function text(field: FieldDef, value: unknown): NormalizedValue {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return wrongType(field, value);
  const str = String(value);
  if (str === '') return { ok: true, value: null };
  if (field.type === 'email' && !EMAIL.test(str)) return fail(field, 'INVALID_EMAIL_ADDRESS', `invalid email address: ${str}`);
  if (field.length !== undefined && str.length > field.length) {
    return fail(field, 'STRING_TOO_LONG', `data value too large: ${str} (max length=${field.length})`);
  }
  return { ok: true, value: str };
}

function picklist(field: FieldDef, value: unknown): NormalizedValue {
  if (typeof value !== 'string') return wrongType(field, value);
  if (value === '') return { ok: true, value: null };
  const allowed = field.picklistValues ?? [];
  const chosen = field.type === 'multipicklist' ? value.split(';').map((v) => v.trim()).filter((v) => v !== '') : [value];
  const bad = chosen.find((v) => !allowed.includes(v));
  if (bad !== undefined) return fail(field, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `bad value for restricted picklist field: ${bad}`);
  // A multipicklist stores each value once, in the order the picklist defines them.
  const ordered = allowed.filter((v) => chosen.includes(v));
  return { ok: true, value: ordered.length ? ordered.join(';') : null };
}

function bool(field: FieldDef, value: unknown): NormalizedValue {
  if (typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return { ok: true, value: value.toLowerCase() === 'true' };
  return wrongType(field, value);
}

function numeric(field: FieldDef, value: unknown): NormalizedValue {
  const pattern = field.type === 'int' ? INTEGER : DECIMAL;
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && pattern.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(parsed) || (field.type === 'int' && !Number.isInteger(parsed))) return wrongType(field, value);
  const scale = field.type === 'int' ? 0 : (field.scale ?? 0);
  const rounded = Number(parsed.toFixed(scale));
  const integerDigits = field.type === 'int' ? (field.precision ?? 9) : (field.precision ?? 18) - scale;
  if (Math.abs(Math.trunc(rounded)) >= 10 ** integerDigits) {
    return fail(field, 'NUMBER_OUTSIDE_VALID_RANGE', `value outside of valid range on numeric field: ${String(value)}`);
  }
  return { ok: true, value: rounded };
}

/** Days in a month of a year, from the calendar rather than a table. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function date(field: FieldDef, value: unknown): NormalizedValue {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return wrongType(field, value);
  return { ok: true, value };
}

function dateTime(field: FieldDef, value: unknown): NormalizedValue {
  const m = typeof value === 'string' ? DATETIME.exec(value) : null;
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return wrongType(field, value);
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return wrongType(field, value);
  const millis = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const zone = m[8] && m[8] !== 'Z' ? m[8].replace(':', '') : '+0000';
  const offsetMinutes = (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hour, minute, second, millis) - offsetMinutes * 60_000;
  return { ok: true, value: formatSalesforceDateTime(new Date(utc)) };
}

function reference(field: FieldDef, value: unknown, schema?: OrgSchema): NormalizedValue {
  if (value === '') return { ok: true, value: null };
  if (typeof value !== 'string' || !isValidId(value)) return fail(field, 'MALFORMED_ID', `id value of incorrect type: ${String(value)}`);
  const target = schema && field.referenceTo ? findObject(schema, field.referenceTo) : undefined;
  if (target && keyPrefixOf(value) !== target.keyPrefix) {
    return fail(field, 'FIELD_INTEGRITY_EXCEPTION', `id value of incorrect type: ${value}`);
  }
  return { ok: true, value: to18(value) };
}

/**
 * Turns one non-null input value into the form the store keeps and the API prints:
 * dates `YYYY-MM-DD`, datetimes `...T10:00:00.000+0000` in UTC, numbers rounded to the
 * field's scale, ids in 18-char form, empty text as null (Salesforce stores no empty
 * strings). With `schema`, a reference's key prefix must match its target object.
 */
export function normalizeFieldValue(field: FieldDef, value: unknown, schema?: OrgSchema): NormalizedValue {
  switch (field.type) {
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
      return text(field, value);
    case 'picklist':
    case 'multipicklist':
      return picklist(field, value);
    case 'boolean':
      return bool(field, value);
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return numeric(field, value);
    case 'date':
      return date(field, value);
    case 'datetime':
      return dateTime(field, value);
    case 'id':
    case 'reference':
      return reference(field, value, schema);
  }
}
