/**
 * The bank's `YYYYMMDDhhmmss` (UTC, second precision) against ISO 8601. Kept apart so
 * both the mapper and the feed's overlap arithmetic read the bank's clock one way.
 */
const BANK_TIMESTAMP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** The instant, or undefined when the text is not a real bank timestamp. */
export function parseBankTimestamp(value: string): Date | undefined {
  const match = BANK_TIMESTAMP.exec(value);
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const roundTrips = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && date.getUTCHours() === h && date.getUTCMinutes() === mi && date.getUTCSeconds() === s;
  return roundTrips ? date : undefined;
}

export function toBankTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** `seconds` before a bank timestamp, as a bank timestamp (the overlap window's start). */
export function bankTimestampMinus(value: string, seconds: number): string {
  const date = parseBankTimestamp(value);
  if (!date) throw new RangeError(`not a bank timestamp: ${value}`);
  return toBankTimestamp(new Date(date.getTime() - seconds * 1000));
}

/** `YYYYMMDD` -> `YYYY-MM-DD` when it is a calendar date; undefined otherwise. */
export function bankDateToIso(value: string): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return undefined;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : undefined;
}
