import type { ContactsById } from '../../salesforce/contacts-by-id';
import type { Logger } from '@strata/logging';
import { CdcEvent, commitTime, isReadable, toChangeRecords } from './cdc-event.mapper';
import type { ChangeFeedStore, FeedState } from './change-feed.store';
import { retryDelay, Sleeper } from '../../salesforce/retry-delay';

export interface ChangeWriterOptions {
  store: ChangeFeedStore;
  /** Current state of many Contacts in one query (`CustomersService.byIds`). */
  readCustomers(ids: string[]): Promise<ContactsById>;
  /** Our `Sforce-Call-Options` client name: changes it made are `origin.self`. */
  selfClient: string;
  logger: Logger;
  /** After each commit that wrote something: wake long polls, update metrics. */
  onCommitted(state: FeedState, written: number): void;
  /** Most events per read-and-write round (and so per SOQL query). */
  batchSize?: number;
}

/**
 * Turns CDC events into stored changes, one batch at a time and strictly in arrival
 * order: events that arrive while a batch is written wait for the next one, so a burst
 * costs one SOQL query and one transaction per batch rather than per event. A batch
 * stays queued until it is written; a failure (Salesforce or the database down) is
 * retried with growing delays. Events at or below the stored replay id are dropped,
 * which is what makes faye's re-handshake replays and overlapping clients harmless.
 */
export class ChangeWriter {
  private readonly queue: CdcEvent[] = [];
  private draining: Promise<void> | undefined;
  private held: { promise: Promise<void>; release: () => void } | undefined;
  private lastReplayId: number | null = null;
  private stopped = false;
  private readonly sleeper = new Sleeper();

  constructor(private readonly options: ChangeWriterOptions) {}

  /** Where de-duplication starts: the stored replay id. */
  resumeFrom(replayId: number | null): void {
    this.lastReplayId = replayId;
  }

  push(event: CdcEvent): void {
    if (this.stopped) return;
    this.queue.push(event);
    this.kick();
  }

  /** Holds writing (events still queue) until `release()`: a resync must land before the events after it. */
  hold(): void {
    if (this.held) return;
    let release = () => undefined as void;
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.held = { promise, release };
  }

  release(): void {
    const held = this.held;
    this.held = undefined;
    held?.release();
    this.kick();
  }

  /** Events received and not yet stored (for tests and diagnostics). */
  pending(): number {
    return this.queue.length;
  }

  /** Stops after the batch in progress; queued events are dropped (they replay from the stored replay id). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.held?.release();
    this.sleeper.wake();
    await this.draining;
  }

  private kick(): void {
    if (this.queue.length === 0 || this.stopped) return;
    // Start on the next turn of the event loop: every event of one CometD reply is in the batch.
    this.draining ??= new Promise((resolve) => setImmediate(resolve))
      .then(() => this.drain())
      .finally(() => {
        this.draining = undefined;
        this.kick();
      });
  }

  private async drain(): Promise<void> {
    let failures = 0;
    while (this.queue.length > 0 && !this.stopped) {
      if (this.held) {
        await this.held.promise;
        continue;
      }
      const batch = this.queue.slice(0, this.options.batchSize ?? 200);
      try {
        await this.write(batch);
        this.queue.splice(0, batch.length);
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.logger.error('failed to store cdc events; retrying', { events: batch.length, failures, error });
        await this.sleeper.sleep(retryDelay(failures, 1000));
      }
    }
  }

  private async write(batch: CdcEvent[]): Promise<void> {
    const events = newerThan(batch, this.lastReplayId);
    if (events.length === 0) return;
    const ids = new Set(events.filter(isReadable).flatMap((event) => event.payload.ChangeEventHeader.recordIds));
    const current = await this.options.readCustomers([...ids]);
    const { written, state } = await this.options.store.appendEvents(
      events.map((event) => {
        const header = event.payload.ChangeEventHeader;
        const changes = header.entityName === 'Contact' ? toChangeRecords(event, current, this.options.selfClient) : [];
        return { replayId: event.event.replayId, commitAt: commitTime(header), changes };
      }),
    );
    this.lastReplayId = state.lastReplayId;
    if (written > 0) this.options.onCommitted(state, written);
  }
}

/** The events with replay ids above `after` and above every earlier one in the batch. */
function newerThan(batch: CdcEvent[], after: number | null): CdcEvent[] {
  let last = after ?? Number.NEGATIVE_INFINITY;
  return batch.filter((event) => {
    if (event.event.replayId <= last) return false;
    last = event.event.replayId;
    return true;
  });
}
