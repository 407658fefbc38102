import { headerLayout, trailerLayout } from './loan-layouts';
import { formatRecord, parseRecord, RecordFormatError, type RecordValues } from './record-layout';

/** A record file split into its parts; `trailerCount` is null while the trailer has not arrived. */
export interface RecordFile {
  header: RecordValues;
  /** Detail records, raw, in file order. */
  details: string[];
  trailerCount: number | null;
}

/**
 * Splits a file into header, details and trailer. A last line that is not a complete
 * trailer means the file is unfinished (still being written, or cut off): the caller
 * decides whether to wait or to quarantine it. A bad header throws.
 */
export function readRecordFile(content: string): RecordFile {
  const lines = content.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  const first = lines[0];
  if (first === undefined) throw new RecordFormatError(null, 'empty file: no header record');
  const header = parseRecord(headerLayout, first);
  const last = lines.length > 1 ? (lines[lines.length - 1] ?? '') : '';
  let trailerCount: number | null = null;
  if (last.startsWith(trailerLayout.recordType) && last.length === trailerLayout.length && content.endsWith('\n')) {
    trailerCount = parseRecord(trailerLayout, last)['recordCount'] as number;
  }
  const details = lines.slice(1, trailerCount === null ? lines.length : lines.length - 1);
  return { header, details, trailerCount };
}

/** Builds a whole file: header, the detail records, and a trailer counting them. */
export function writeRecordFile(fileType: string, sequence: number, details: readonly string[], now: Date): string {
  const iso = now.toISOString();
  const header = formatRecord(headerLayout, { fileType, sequence, createdDate: iso.slice(0, 10), createdTime: iso.slice(11, 19) });
  const trailer = formatRecord(trailerLayout, { recordCount: details.length });
  return [header, ...details, trailer].join('\n') + '\n';
}
