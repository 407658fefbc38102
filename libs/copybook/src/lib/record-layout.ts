/**
 * Fixed-width records described as data, COBOL-copybook style: each field has an
 * offset, a length and a type, and one description drives both `parseRecord` and
 * `formatRecord`, so reading and writing can never disagree about where a field is.
 *
 * Types, as the mainframe stores them:
 * - `text`   PIC X(n): upper-case printable ASCII, left-aligned, space-padded.
 * - `number` PIC 9(n)V9(s): zero-padded digits with `scale` implied decimals.
 * - `signed` PIC 9(n)V9(s) with a trailing sign byte (`+`/`-`); `length` counts the sign.
 * - `date`   CCYYMMDD; all spaces or all zeros mean "no date".
 * - `time`   HHMMSS; all spaces mean "no time".
 */
export type FieldType = 'text' | 'number' | 'signed' | 'date' | 'time';

export interface FieldDef {
  readonly name: string;
  readonly offset: number;
  readonly length: number;
  readonly type: FieldType;
  /** Implied decimal places of `number` and `signed` fields. */
  readonly scale?: number;
}

export interface RecordLayout {
  readonly name: string;
  /** The two characters every record of this layout starts with. */
  readonly recordType: string;
  /** LRECL: every record of the layout is exactly this long. */
  readonly length: number;
  readonly fields: readonly FieldDef[];
}

/** A parsed value: text (trimmed), a number, an ISO date/time, or null for a blank date/time. */
export type FieldValue = string | number | null;
export type RecordValues = Record<string, FieldValue>;

/** A record (or a value to write) that does not fit its layout; `field` says where. */
export class RecordFormatError extends Error {
  constructor(
    readonly field: string | null,
    message: string,
  ) {
    super(field ? `${field}: ${message}` : message);
    this.name = 'RecordFormatError';
  }
}

/**
 * Declares a layout and checks it like a copybook review would: fields start at 0,
 * follow each other without gaps or overlaps, and fill the record exactly.
 */
export function defineLayout(name: string, recordType: string, length: number, fields: readonly FieldDef[]): RecordLayout {
  let expected = 0;
  for (const field of fields) {
    if (field.offset !== expected) throw new Error(`layout ${name}: ${field.name} starts at ${field.offset}, expected ${expected}`);
    if (field.type === 'date' && field.length !== 8) throw new Error(`layout ${name}: date ${field.name} must be 8 long`);
    if (field.type === 'time' && field.length !== 6) throw new Error(`layout ${name}: time ${field.name} must be 6 long`);
    expected += field.length;
  }
  if (expected !== length) throw new Error(`layout ${name}: fields cover ${expected} of ${length} characters`);
  if (fields[0]?.name !== 'recordType' || fields[0].length !== recordType.length) throw new Error(`layout ${name}: must start with recordType`);
  return { name, recordType, length, fields };
}

/** Reads one record; throws RecordFormatError naming the first field that is not what the layout says. */
export function parseRecord(layout: RecordLayout, line: string): RecordValues {
  if (line.length !== layout.length) throw new RecordFormatError(null, `record is ${line.length} characters, layout ${layout.name} needs ${layout.length}`);
  if (!line.startsWith(layout.recordType)) throw new RecordFormatError('recordType', `expected ${layout.recordType}, found ${JSON.stringify(line.slice(0, 2))}`);
  const values: RecordValues = {};
  for (const field of layout.fields) {
    if (field.name === 'filler' || field.name === 'recordType') continue;
    values[field.name] = parseField(field, line.slice(field.offset, field.offset + field.length));
  }
  return values;
}

/** Writes one record; throws RecordFormatError for a value the field cannot hold (too long, not ASCII, too big). */
export function formatRecord(layout: RecordLayout, values: RecordValues): string {
  const parts = layout.fields.map((field) => {
    if (field.name === 'recordType') return layout.recordType;
    if (field.name === 'filler') return ' '.repeat(field.length);
    return formatField(field, values[field.name] ?? null);
  });
  return parts.join('');
}

function parseField(field: FieldDef, raw: string): FieldValue {
  switch (field.type) {
    case 'text':
      return raw.trimEnd();
    case 'number': {
      if (!/^\d+$/.test(raw)) throw new RecordFormatError(field.name, `not a number: ${JSON.stringify(raw)}`);
      return Number(raw) / 10 ** (field.scale ?? 0);
    }
    case 'signed': {
      const match = /^(\d+)([+-])$/.exec(raw);
      if (!match) throw new RecordFormatError(field.name, `not a signed number with a trailing sign: ${JSON.stringify(raw)}`);
      const magnitude = Number(match[1]) / 10 ** (field.scale ?? 0);
      return match[2] === '-' && magnitude !== 0 ? -magnitude : magnitude;
    }
    case 'date':
      return parseDate(field, raw);
    case 'time':
      return parseTime(field, raw);
  }
}

function parseDate(field: FieldDef, raw: string): string | null {
  if (raw.trim() === '' || raw === '00000000') return null;
  if (!/^\d{8}$/.test(raw)) throw new RecordFormatError(field.name, `not a CCYYMMDD date: ${JSON.stringify(raw)}`);
  const iso = `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) throw new RecordFormatError(field.name, `impossible date ${raw}`);
  return iso;
}

function parseTime(field: FieldDef, raw: string): string | null {
  if (raw.trim() === '') return null;
  const match = /^([01]\d|2[0-3])([0-5]\d)([0-5]\d)$/.exec(raw);
  if (!match) throw new RecordFormatError(field.name, `not an HHMMSS time: ${JSON.stringify(raw)}`);
  return `${match[1]}:${match[2]}:${match[3]}`;
}

function formatField(field: FieldDef, value: FieldValue): string {
  switch (field.type) {
    case 'text':
      return formatText(field, value);
    case 'number':
    case 'signed':
      return formatNumber(field, value);
    case 'date':
      if (value === null || value === '') return ' '.repeat(8);
      if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\d$/.test(value)) throw new RecordFormatError(field.name, `not an ISO date: ${String(value)}`);
      return value.replaceAll('-', '');
    case 'time':
      if (value === null || value === '') return ' '.repeat(6);
      if (typeof value !== 'string' || !/^\d\d:\d\d:\d\d$/.test(value)) throw new RecordFormatError(field.name, `not an HH:MM:SS time: ${String(value)}`);
      return value.replaceAll(':', '');
  }
}

function formatText(field: FieldDef, value: FieldValue): string {
  const text = value === null ? '' : String(value).toUpperCase();
  if (!/^[\x20-\x7E]*$/.test(text)) throw new RecordFormatError(field.name, 'only printable ASCII fits the mainframe');
  if (text.length > field.length) throw new RecordFormatError(field.name, `${text.length} characters do not fit ${field.length}`);
  return text.padEnd(field.length, ' ');
}

function formatNumber(field: FieldDef, value: FieldValue): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RecordFormatError(field.name, `not a number: ${String(value)}`);
  const signed = field.type === 'signed';
  if (!signed && value < 0) throw new RecordFormatError(field.name, 'negative value in an unsigned field');
  const digits = signed ? field.length - 1 : field.length;
  const scaled = Math.round(Math.abs(value) * 10 ** (field.scale ?? 0));
  const text = String(scaled);
  if (text.length > digits) throw new RecordFormatError(field.name, `${value} needs more than ${digits} digits`);
  return text.padStart(digits, '0') + (signed ? (value < 0 ? '-' : '+') : '');
}
