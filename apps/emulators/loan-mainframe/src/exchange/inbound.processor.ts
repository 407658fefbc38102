import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@strata/logging';
import { ackLayout, FILE_PATTERNS, formatRecord, parseRecord, readRecordFile, RecordFormatError, type RecordValues, seqText, sequenceOf, updateLayout, writeRecordFile } from '@strata/copybook';
import type { FaultSwitches } from '../admin/fault-switches';
import type { BorrowerRecord, LoanStore, PendingAck } from '../store/loan.store';
import { writeAtomically } from './atomic-file';
import { applyUpdate, type UpdateOutcome } from './update-rules';

/**
 * The mainframe's update job: picks up finished request files (`LNREQ.nnnnnn.req`; never
 * `*.tmp`) from the inbound folder, applies each record, and answers with an
 * acknowledgement file `LNACK.nnnnnn.dat` of the same sequence, one return code per
 * record. Applying and recording the acknowledgement is one transaction, and the
 * acknowledgement is written afterwards (again after a crash), so each request file
 * is applied once and acknowledged exactly once.
 */
export class InboundProcessor {
  constructor(
    private readonly deps: { store: LoanStore; faults: FaultSwitches; logger: Logger; inboundDir: string; outboundDir: string },
  ) {}

  /** Processes every new request file, oldest sequence first; returns their names. */
  async processNew(now = new Date()): Promise<string[]> {
    const names = (await readdir(this.deps.inboundDir)).filter((n) => FILE_PATTERNS.request.test(n)).sort((a, b) => sequenceOf(a) - sequenceOf(b));
    const processed: string[] = [];
    for (const name of names) {
      if (await this.deps.store.isProcessed(name)) continue;
      const content = await readFile(path.join(this.deps.inboundDir, name), 'utf8');
      const file = safeRead(content);
      if (file && file.trailerCount === null) continue; // not finished yet: the next cycle looks again
      await this.process(name, file, now);
      processed.push(name);
    }
    await this.writeAcks();
    return processed;
  }

  /** Writes acknowledgements recorded but not yet written (after a crash, too). */
  async writeAcks(): Promise<void> {
    for (const ack of await this.deps.store.unwrittenAcks()) {
      const details = ack.records.map((record) => formatRecord(ackLayout, record));
      await writeAtomically(this.deps.outboundDir, ack.ackName, writeRecordFile('LNACK', sequenceOf(ack.fileName), details, new Date()));
      await this.deps.store.markAckWritten(ack.fileName);
    }
  }

  private async process(name: string, file: ReturnType<typeof safeRead>, now: Date): Promise<void> {
    const ack: PendingAck = { fileName: name, ackName: `LNACK.${seqText(sequenceOf(name))}.dat`, records: [] };
    const changed = new Map<string, BorrowerRecord>();
    const countOk = file !== null && file.trailerCount === file.details.length;
    for (const [index, line] of (file?.details ?? []).entries()) {
      const parsed = safeParse(line);
      const recordNo = typeof parsed?.['recordNo'] === 'number' ? parsed['recordNo'] : index + 1;
      const outcome: UpdateOutcome = !countOk
        ? { returnCode: '16', message: 'REQUEST FILE RECORD COUNT DOES NOT MATCH TRAILER' }
        : parsed === null
          ? { returnCode: '12', message: `RECORD LAYOUT ERROR: ${layoutError(line)}`.slice(0, 60) }
          : await this.apply(parsed, changed, now);
      if (outcome.updated && outcome.returnCode === '00') changed.set(outcome.updated.loanAccount, outcome.updated);
      ack.records.push({
        recordNo,
        loanAccount: outcome.updated?.loanAccount ?? String(parsed?.['loanAccount'] ?? ''),
        customerKey: String(parsed?.['customerKey'] ?? ''),
        returnCode: outcome.returnCode,
        message: outcome.message.slice(0, 60),
      });
    }
    await this.deps.store.applyRequest(ack, [...changed.values()]);
    this.deps.logger.info('processed request file', { file: name, records: ack.records.length, returnCodes: ack.records.map((r) => r['returnCode']).join(',') });
  }

  private async apply(update: RecordValues, changed: Map<string, BorrowerRecord>, now: Date): Promise<UpdateOutcome> {
    const forced = this.deps.faults.takeRejection();
    if (forced) return { returnCode: forced as UpdateOutcome['returnCode'], message: `REJECTED: OPERATOR FAULT SWITCH (RC ${forced})` };
    const account = String(update['loanAccount'] ?? '');
    const key = String(update['customerKey'] ?? '');
    const current = account
      ? (changed.get(account) ?? (await this.deps.store.get(account)))
      : ([...changed.values()].find((r) => r.customerKey === key) ?? (await this.deps.store.findByCustomerKey(key)));
    if (!current) return { returnCode: '08', message: account ? `LOAN ${account} NOT FOUND` : `NO LOAN FOR CUSTOMER KEY ${key || 'BLANK'}` };
    return applyUpdate(current, update, now);
  }
}

function safeRead(content: string) {
  try {
    return readRecordFile(content);
  } catch {
    return null;
  }
}

function safeParse(line: string): RecordValues | null {
  try {
    return parseRecord(updateLayout, line);
  } catch {
    return null;
  }
}

function layoutError(line: string): string {
  try {
    parseRecord(updateLayout, line);
    return 'UNKNOWN';
  } catch (error) {
    return error instanceof RecordFormatError ? (error.field ?? 'RECORD LENGTH').toUpperCase() : 'UNKNOWN';
  }
}
