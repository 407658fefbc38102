import type { Logger } from '@strata/logging';
import type { ExchangeFolder } from '../../mainframe/exchange-folder';
import { ackLayout, FILE_PATTERNS, parseRecord, readRecordFile, sequenceOf } from '@strata/copybook';
import type { AckRecord, RequestStore } from './request.store';

/**
 * Reads acknowledgement files (`LNACK.nnnnnn.dat`, numbered like the request they
 * answer) and settles the matching requests. Each file is read once (remembered in the
 * same transaction); a file without its trailer is not finished and is looked at again
 * next time. Concurrent callers share one scan.
 */
export class AckCorrelator {
  private running: Promise<number> | undefined;
  /**
   * Acknowledgement files known to be read (by this or another replica): a file once
   * read stays read, so only names not in here are asked about. Acknowledgements are
   * never archived, and asking about all of them on every scan grew with every write.
   */
  private readonly done = new Set<string>();

  constructor(
    private readonly folder: ExchangeFolder,
    private readonly store: RequestStore,
    private readonly logger: Logger,
  ) {}

  /** Reads new acknowledgement files now; resolves with how many requests were settled. */
  scan(): Promise<number> {
    this.running ??= this.scanOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async scanOnce(): Promise<number> {
    let settled = 0;
    const names = (await this.folder.list(FILE_PATTERNS.ack)).filter((name) => !this.done.has(name));
    for (const name of await this.store.readAcks(names)) this.done.add(name);
    for (const name of names) {
      if (this.done.has(name)) continue;
      const file = readRecordFile(await this.folder.read(name));
      if (file.trailerCount === null) continue;
      const acks: AckRecord[] = [];
      for (const [index, line] of file.details.entries()) {
        try {
          const ack = parseRecord(ackLayout, line);
          acks.push({ recordNo: Number(ack['recordNo']), returnCode: String(ack['returnCode']), message: String(ack['message']) });
        } catch (error) {
          this.logger.warn('unreadable acknowledgement record; its request stays pending', { file: name, record: index + 1, error });
        }
      }
      settled += await this.store.settle(name, sequenceOf(name), acks);
      this.done.add(name);
    }
    return settled;
  }
}
