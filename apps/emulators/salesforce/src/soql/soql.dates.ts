import type { RelativeDateName } from './soql.ast';

/**
 * Date arithmetic for SOQL, all in UTC: the emulator has no org time zone, so "today"
 * is the UTC day of the `now` the caller passes (which also keeps tests deterministic).
 * Days are handled as epoch milliseconds of their UTC midnight so date and datetime
 * fields compare with one number type.
 */

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

const DATE_SHAPE = /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?/y;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The text of a date or datetime literal starting at `offset`, if one starts there.
 * Used by the lexer so `2024-01-31` is one token rather than a subtraction.
 */
export function scanDateLiteral(source: string, offset: number): string | undefined {
  DATE_SHAPE.lastIndex = offset;
  return DATE_SHAPE.exec(source)?.[0];
}

/** `YYYY-MM-DD` to its UTC midnight; undefined for impossible days such as 2024-02-30. */
export function parseDateText(text: string): number | undefined {
  const m = DATE_RE.exec(text);
  return m ? utcDay(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/**
 * An ISO datetime with a mandatory zone (`Z`, `+02:00`, or Salesforce's own `+0000`)
 * to epoch milliseconds; undefined when malformed or out of range.
 */
export function parseDateTimeText(text: string): number | undefined {
  const m = DATETIME_RE.exec(text);
  if (!m) return undefined;
  const day = utcDay(Number(m[1]), Number(m[2]), Number(m[3]));
  const [hours, minutes, seconds] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (day === undefined || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const offsetMinutes = zoneOffsetMinutes(m[8]);
  if (offsetMinutes === undefined) return undefined;
  return day + ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000 + millis;
}

/**
 * The half-open range `[start, end)` a relative date literal names. Salesforce's
 * LAST_N_DAYS:n includes today (n + 1 days); NEXT_N_DAYS:n starts tomorrow.
 */
export function relativeDateRange(name: RelativeDateName, n: number, now: Date): { start: number; end: number } {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  switch (name) {
    case 'TODAY':
      return { start: today, end: today + DAY_MS };
    case 'YESTERDAY':
      return { start: today - DAY_MS, end: today };
    case 'TOMORROW':
      return { start: today + DAY_MS, end: today + 2 * DAY_MS };
    case 'LAST_N_DAYS':
      return { start: today - n * DAY_MS, end: today + DAY_MS };
    case 'NEXT_N_DAYS':
      return { start: today + DAY_MS, end: today + (n + 1) * DAY_MS };
  }
}

/** A stored datetime value (ISO string, Date or epoch number) to epoch milliseconds. */
export function dateTimeValueMs(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value === '') return undefined;
  return parseDateTimeText(value) ?? parseDateText(value) ?? parseLoose(value);
}

/** A stored date value to the UTC midnight of its day (a full timestamp is truncated). */
export function dateValueMs(value: unknown): number | undefined {
  const ms = typeof value === 'string' ? (parseDateText(value) ?? dateTimeValueMs(value)) : dateTimeValueMs(value);
  return ms === undefined ? undefined : Math.floor(ms / DAY_MS) * DAY_MS;
}

function utcDay(year: number, month: number, day: number): number | undefined {
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  const valid = check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
  return valid ? ms : undefined;
}

function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function parseLoose(value: string): number | undefined {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
