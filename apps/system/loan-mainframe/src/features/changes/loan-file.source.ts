import { markOf, type FeedSource, type Observation, type PollContext, type PollOutcome, type QuarantinedRecord } from '@strata/change-feed';
import { toApiAccount, toCustomer } from '../../mainframe/borrower.mapper';
import type { ExchangeFolder } from '../../mainframe/exchange-folder';
import { borrowerLayout, FILE_PATTERNS, parseRecord, readRecordFile, type RecordFile, sequenceOf } from '@strata/copybook';

/**
 * Where reading stands: the data file and how many of its detail records are done.
 * `complete` means the file is finished with (read, or quarantined) and the next poll
 * starts at the next file in sequence.
 */
export interface FilePosition {
  file: string;
  offset: number;
  complete: boolean;
}

const RAW_TAIL = 2000;

/**
 * The change feed's source for the loan mainframe: its extract and change files, read
 * in sequence order, a batch of records per poll. Only final names are listed, so a
 * file still being written (`*.tmp`) is never read. A final file without its trailer is
 * unfinished: it is waited for while it is the newest, and quarantined as truncated as
 * soon as a newer file shows the mainframe has moved on. Unreadable records are
 * quarantined one by one and reading continues after them.
 */
export class LoanFileSource implements FeedSource<FilePosition> {
  readonly name = 'loan-mainframe-files';

  constructor(
    private readonly folder: ExchangeFolder,
    private readonly batchSize = 500,
  ) {}

  async poll({ position }: PollContext<FilePosition>): Promise<PollOutcome<FilePosition>> {
    const files = await this.folder.list(FILE_PATTERNS.data);
    const doneUpTo = position?.file ? sequenceOf(position.file) : 0;
    const current = position && !position.complete ? position.file : files.find((f) => sequenceOf(f) > doneUpTo);
    const idle = position ?? { file: '', offset: 0, complete: true };
    if (!current) return { observations: [], position: idle };
    const newer = files.some((f) => sequenceOf(f) > sequenceOf(current));
    const content = files.includes(current) ? await this.folder.read(current) : null;
    const finished = (reason: string): PollOutcome<FilePosition> => ({
      observations: [],
      quarantined: [{ source: `file ${current}`, reason, raw: (content ?? '').slice(-RAW_TAIL) }],
      position: { file: current, offset: 0, complete: true },
      more: true,
    });
    if (content === null) return finished(`the file disappeared after ${position?.offset ?? 0} records were read`);
    let file: RecordFile;
    try {
      file = readRecordFile(content);
    } catch (error) {
      return finished(`unreadable header: ${(error as Error).message}`);
    }
    if (file.header['sequence'] !== sequenceOf(current)) return finished(`header sequence ${file.header['sequence']} does not match the file name`);
    if (file.trailerCount === null) {
      if (newer) return finished(`truncated: no trailer after ${file.details.length} records, and a newer file exists`);
      return { observations: [], position: idle };
    }
    if (file.trailerCount !== file.details.length) return finished(`truncated: the trailer counts ${file.trailerCount} records, the file holds ${file.details.length}`);
    const start = position?.file === current ? position.offset : 0;
    const batch = file.details.slice(start, start + this.batchSize);
    const { observations, quarantined } = readBatch(current, start, batch);
    const offset = start + batch.length;
    const complete = offset >= file.details.length;
    return { observations, quarantined, position: { file: current, offset, complete }, more: !complete || newer };
  }
}

function readBatch(fileName: string, start: number, lines: readonly string[]) {
  const observations: Observation[] = [];
  const quarantined: QuarantinedRecord[] = [];
  lines.forEach((line, i) => {
    const recordNo = start + i + 1;
    try {
      const customer = toCustomer(parseRecord(borrowerLayout, line));
      observations.push({ entityType: 'customer', entityId: customer.id, data: customer, mark: markOf(customer), occurredAt: customer.updatedAt ?? undefined });
    } catch (error) {
      const account = line.slice(2, 12);
      quarantined.push({
        source: `file ${fileName} record ${recordNo}`,
        entityId: /^LN\d{8}$/.test(account) ? toApiAccount(account) : null,
        reason: (error as Error).message,
        raw: line,
      });
    }
  });
  return { observations, quarantined };
}
