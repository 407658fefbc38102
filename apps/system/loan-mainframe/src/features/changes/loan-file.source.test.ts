/** The file source on its own, over files written here: batches, resumption and bad files. */
import { mkdtempSync, rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FeedStore } from '@strata/change-feed';
import { ExchangeFolder } from '../../mainframe/exchange-folder';
import { borrowerLayout, formatRecord, writeRecordFile } from '@strata/copybook';
import { LoanFileSource, type FilePosition } from './loan-file.source';

const dir = mkdtempSync(path.join(os.tmpdir(), 'loan-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  for (const name of ['LNEXTR.000001.dat', 'LNCHG.000002.dat', 'LNCHG.000003.dat']) await rm(path.join(dir, name), { force: true });
});

const store = {} as FeedStore;
const record = (n: number, overrides: Record<string, string | number | null> = {}) =>
  formatRecord(borrowerLayout, {
    loanAccount: `LN${String(n).padStart(8, '0')}`, customerKey: '', surname: `NAME${n}`, givenNames: '', birthDate: null, email: '', phone: '', street: '',
    city: '', state: '', postalCode: '', country: '', statusCode: 'A', balance: 0, interestRate: 0, changeDate: null, changeTime: null, ...overrides,
  });
const put = (name: string, lines: string[]) => writeFile(path.join(dir, name), writeRecordFile(name.slice(0, name.indexOf('.')), Number(name.split('.')[1]), lines, new Date()));

async function pollAll(source: LoanFileSource, start: FilePosition | null = null) {
  const seen: string[] = [];
  const quarantined: string[] = [];
  let position = start;
  for (let i = 0; i < 20; i += 1) {
    const outcome = await source.poll({ position, store });
    seen.push(...outcome.observations.map((o) => o.entityId));
    quarantined.push(...(outcome.quarantined ?? []).map((q) => `${q.source}: ${q.reason}`));
    position = outcome.position;
    if (!outcome.more) break;
  }
  return { seen, quarantined, position };
}

it('reads files in sequence order, a batch at a time, and resumes mid-file from a stored position', async () => {
  await put('LNEXTR.000001.dat', [1, 2, 3, 4, 5].map((n) => record(n)));
  await put('LNCHG.000002.dat', [record(6)]);
  const source = new LoanFileSource(new ExchangeFolder(dir), 2);
  const first = await source.poll({ position: null, store });
  expect(first.position).toEqual({ file: 'LNEXTR.000001.dat', offset: 2, complete: false });
  expect(first.more).toBe(true);
  const rest = await pollAll(source, first.position);
  expect(rest.seen).toEqual(['LN-00000003', 'LN-00000004', 'LN-00000005', 'LN-00000006']);
  expect(rest.position).toEqual({ file: 'LNCHG.000002.dat', offset: 1, complete: true });
});

it('quarantines an unreadable record and a file whose trailer count disagrees, and reads on', async () => {
  await put('LNEXTR.000001.dat', [record(1), record(2, { statusCode: 'X' }), record(3)]);
  const content = writeRecordFile('LNCHG', 2, [record(4), record(5)], new Date()).replace('TR000000002', 'TR000000003');
  await writeFile(path.join(dir, 'LNCHG.000002.dat'), content);
  await put('LNCHG.000003.dat', [record(6)]);
  const result = await pollAll(new LoanFileSource(new ExchangeFolder(dir)));
  expect(result.seen).toEqual(['LN-00000001', 'LN-00000003', 'LN-00000006']);
  expect(result.quarantined).toEqual([
    'file LNEXTR.000001.dat record 2: statusCode: unknown status code "X"',
    'file LNCHG.000002.dat: truncated: the trailer counts 3 records, the file holds 2',
  ]);
});

it('moves on, reporting it, when the file it was reading disappears', async () => {
  await put('LNCHG.000003.dat', [record(7)]);
  const result = await pollAll(new LoanFileSource(new ExchangeFolder(dir)), { file: 'LNCHG.000002.dat', offset: 1, complete: false });
  expect(result.quarantined).toEqual(['file LNCHG.000002.dat: the file disappeared after 1 records were read']);
  expect(result.seen).toEqual(['LN-00000007']);
});
