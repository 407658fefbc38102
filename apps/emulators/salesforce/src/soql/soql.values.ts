import type { FieldType } from '../schema/schema.types';
import type { Literal } from './soql.ast';
import { dateTimeValueMs, dateValueMs } from './soql.dates';

/**
 * How a field's values compare. Several describe types share a behaviour (every text
 * type compares case-insensitively, every number type numerically), so filters and
 * sorting work on these categories rather than on the raw `FieldType`.
 */
export type ValueCategory = 'text' | 'id' | 'multipicklist' | 'boolean' | 'number' | 'date' | 'datetime';

/** A normalised, directly comparable value: lower-cased text, epoch ms, number... */
export type Key = string | number | boolean;

const CATEGORY: Record<FieldType, ValueCategory> = {
  id: 'id',
  reference: 'id',
  string: 'text',
  textarea: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  picklist: 'text',
  multipicklist: 'multipicklist',
  boolean: 'boolean',
  int: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'datetime',
};

/** The comparison behaviour of a describe type. */
export function categoryOf(type: FieldType): ValueCategory {
  return CATEGORY[type];
}

/** The SOAP type name Salesforce uses in "must be of type ..." messages. */
export function soapTypeName(type: FieldType): string {
  if (type === 'id' || type === 'reference') return 'id';
  if (type === 'int' || type === 'boolean' || type === 'date') return type;
  if (type === 'double' || type === 'currency' || type === 'percent') return 'double';
  return type === 'datetime' ? 'dateTime' : 'string';
}

/** Whether a literal of this kind may be compared with a field of this category. */
export function literalFits(category: ValueCategory, literal: Literal): boolean {
  switch (literal.kind) {
    case 'null':
      return true;
    case 'string':
      return category === 'text' || category === 'id' || category === 'multipicklist';
    case 'number':
      return category === 'number';
    case 'boolean':
      return category === 'boolean';
    case 'date':
      return category === 'date';
    case 'datetime':
      return category === 'datetime';
    case 'relativeDate':
      return category === 'date' || category === 'datetime';
  }
}

/** True for categories whose literals are written in quotes. */
export function isQuoted(category: ValueCategory): boolean {
  return category === 'text' || category === 'id' || category === 'multipicklist';
}

/**
 * Normalises a stored (or literal) value for comparison; null when the value counts as
 * empty. Salesforce stores no empty strings, so `''` is null as well.
 */
export function valueKey(category: ValueCategory, value: unknown): Key | null {
  if (value === null || value === undefined || value === '') return null;
  switch (category) {
    case 'text':
      return String(value).toLowerCase();
    case 'id':
      return normaliseId(String(value));
    case 'multipicklist':
      return multipicklistKey(String(value));
    case 'boolean':
      return value === true || value === 'true' ? true : value === false || value === 'false' ? false : null;
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : null;
    }
    case 'date':
      return dateValueMs(value) ?? null;
    case 'datetime':
      return dateTimeValueMs(value) ?? null;
  }
}

/** Orders two keys of the same category: numbers and times numerically, text by code unit. */
export function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The selected values of a multi-select picklist, lower-cased, without blanks. */
export function multipicklistValues(value: string): string[] {
  return value
    .split(';')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
}

/** A multi-select value as an order-free set key, so `'b;a' = 'a;b'` holds. */
function multipicklistKey(value: string): string | null {
  const values = [...new Set(multipicklistValues(value))].sort();
  return values.length === 0 ? null : values.join(';');
}

/** 18-character ids end in a case-insensitivity checksum; Salesforce matches them by the 15-character core. */
function normaliseId(id: string): string {
  return id.length === 18 ? id.slice(0, 15) : id;
}
