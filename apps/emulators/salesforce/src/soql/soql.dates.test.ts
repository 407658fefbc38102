import { dateTimeValueMs, dateValueMs, parseDateText, parseDateTimeText, relativeDateRange } from './soql.dates';

const iso = (ms: number) => new Date(ms).toISOString();
const range = (r: { start: number; end: number }) => [iso(r.start), iso(r.end)];

describe('SOQL date handling (UTC)', () => {
  const now = new Date('2024-03-15T23:30:00Z');

  it('measures TODAY, YESTERDAY and TOMORROW as whole UTC days around now', () => {
    expect(range(relativeDateRange('TODAY', 0, now))).toEqual(['2024-03-15T00:00:00.000Z', '2024-03-16T00:00:00.000Z']);
    expect(range(relativeDateRange('YESTERDAY', 0, now))).toEqual(['2024-03-14T00:00:00.000Z', '2024-03-15T00:00:00.000Z']);
    expect(range(relativeDateRange('TOMORROW', 0, now))).toEqual(['2024-03-16T00:00:00.000Z', '2024-03-17T00:00:00.000Z']);
  });

  it('includes today in LAST_N_DAYS:n and starts NEXT_N_DAYS:n tomorrow', () => {
    expect(range(relativeDateRange('LAST_N_DAYS', 2, now))).toEqual(['2024-03-13T00:00:00.000Z', '2024-03-16T00:00:00.000Z']);
    expect(range(relativeDateRange('NEXT_N_DAYS', 2, now))).toEqual(['2024-03-16T00:00:00.000Z', '2024-03-18T00:00:00.000Z']);
  });

  it('parses date literals strictly, including leap days', () => {
    expect(parseDateText('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseDateText('2023-02-29')).toBeUndefined();
    expect(parseDateText('2024-13-01')).toBeUndefined();
  });

  it('applies zone offsets in datetimes, with or without a colon', () => {
    expect(iso(parseDateTimeText('2024-01-01T00:30:00+01:00') ?? NaN)).toBe('2023-12-31T23:30:00.000Z');
    expect(iso(parseDateTimeText('2024-01-01T10:00:00.000+0000') ?? NaN)).toBe('2024-01-01T10:00:00.000Z');
    expect(iso(parseDateTimeText('2024-01-01T10:00:00-08:00') ?? NaN)).toBe('2024-01-01T18:00:00.000Z');
    expect(parseDateTimeText('2024-01-01T24:00:00Z')).toBeUndefined();
  });

  it('reads stored values written by the store or by callers', () => {
    expect(dateTimeValueMs('2024-01-01T10:00:00.000+0000')).toBe(Date.UTC(2024, 0, 1, 10));
    expect(dateTimeValueMs(new Date(Date.UTC(2024, 0, 1)))).toBe(Date.UTC(2024, 0, 1));
    expect(dateTimeValueMs('not a date')).toBeUndefined();
    expect(dateValueMs('2024-01-01')).toBe(Date.UTC(2024, 0, 1));
    expect(dateValueMs('2024-01-01T23:59:00Z')).toBe(Date.UTC(2024, 0, 1));
  });
});
