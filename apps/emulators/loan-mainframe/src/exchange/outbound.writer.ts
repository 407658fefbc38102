import { borrowerLayout, formatRecord, seqText, writeRecordFile } from '@strata/copybook';
import type { FaultSwitches } from '../admin/fault-switches';
import type { BorrowerRecord, LoanStore } from '../store/loan.store';
import { writeAtomically, writeInPlace } from './atomic-file';

/** Extract (`LNEXTR`) and change (`LNCHG`) files share one sequence, so their names order them. */
const SERIES = 'outbound';

/**
 * Writes the mainframe's outbound data files: a full extract of every loan, or a change
 * file of the loans changed since the last one. Planned corruption (a cut-off file, an
 * unreadable record) is applied here, after the records were formatted correctly.
 */
export class OutboundWriter {
  constructor(
    private readonly store: LoanStore,
    private readonly dir: string,
    private readonly faults: FaultSwitches,
  ) {}

  async writeExtract(now = new Date()): Promise<string> {
    const records = await this.store.all();
    const name = `LNEXTR.${seqText(await this.store.nextSequence(SERIES))}.dat`;
    await writeAtomically(this.dir, name, this.content('LNEXTR', name, records, now), { pauseMs: this.faults.settings.slowWriteMs });
    await this.store.markSent(records.map((r) => r.loanAccount));
    return name;
  }

  /** Writes the unsent changes as one file; null when nothing changed. */
  async writeChanges(now = new Date()): Promise<string | null> {
    const records = await this.store.unsent();
    if (records.length === 0) return null;
    const name = `LNCHG.${seqText(await this.store.nextSequence(SERIES))}.dat`;
    const content = this.content('LNCHG', name, records, now);
    const corruption = this.faults.takeCorruption();
    if (corruption === 'truncated') await writeInPlace(this.dir, name, cutOff(content));
    else await writeAtomically(this.dir, name, corruption === 'malformed' ? withImpossibleDate(content) : content, { pauseMs: this.faults.settings.slowWriteMs });
    await this.store.markSent(records.map((r) => r.loanAccount));
    return name;
  }

  private content(fileType: string, name: string, records: readonly BorrowerRecord[], now: Date): string {
    const sequence = Number(name.split('.')[1]);
    return writeRecordFile(fileType, sequence, records.map((record) => formatRecord(borrowerLayout, record)), now);
  }
}

/** The file without its trailer and with its last detail record cut in half. */
function cutOff(content: string): string {
  const lines = content.trimEnd().split('\n');
  lines.pop();
  const last = lines.pop() ?? '';
  return [...lines, last.slice(0, Math.floor(last.length / 2))].join('\n');
}

/** The first detail record's birth date becomes the 31st of February. */
function withImpossibleDate(content: string): string {
  const lines = content.split('\n');
  const first = lines[1];
  const at = borrowerLayout.fields.find((f) => f.name === 'birthDate')?.offset ?? 0;
  if (first?.startsWith('BR')) lines[1] = first.slice(0, at) + '19800231' + first.slice(at + 8);
  return lines.join('\n');
}
