import type { ChangeEventLog, StoredChangeEvent } from './change-event.types';
import type { ChangeEventChannel } from './change-event.channels';

/** How many events one `readAfter` call asks the log for. */
export const LOG_READ_BATCH = 100;
/** The most events one subscription contributes to one connect reply; the rest go with the next connect. */
export const MAX_EVENTS_PER_REPLY = 200;

/** Limits for one pull; `retainedSince` hides events older than the retention window. */
export interface PullOptions {
  retainedSince: Date;
  readBatch?: number;
  maxEvents?: number;
}

/**
 * One client's subscription to one CDC channel, with its own cursor: the replay id of
 * the last event it has been given (or skipped as not its entity).
 *
 * Delivery reads the durable log from the cursor instead of forwarding what
 * `onAppend` announced, so an event committed while no connect was held, or while a
 * reply was in flight, is still delivered on the next connect, exactly once, in
 * replay order.
 */
export class ChangeEventSubscription {
  readonly channel: string;
  readonly entityName: string | undefined;
  private cursor: number;

  constructor(target: ChangeEventChannel, after: number) {
    this.channel = target.channel;
    this.entityName = target.entityName;
    this.cursor = after;
  }

  /** The replay id delivery continues after. */
  get lastReplayId(): number {
    return this.cursor;
  }

  /** Puts the cursor back to `replayId` after pulled events could not be sent (their request went away). */
  rewindTo(replayId: number): void {
    this.cursor = Math.min(this.cursor, replayId);
  }

  /** Whether this subscription would deliver an event of `entityName` (cheap pre-check for waking held connects). */
  wants(entityName: string): boolean {
    return this.entityName === undefined || this.entityName === entityName;
  }

  /**
   * The next events for this subscription, oldest first, and moves the cursor past
   * everything read. Reading stops at `maxEvents` matches or at the end of the log;
   * events of other entities or outside the retention window are passed over.
   */
  async pull(log: ChangeEventLog, options: PullOptions): Promise<StoredChangeEvent[]> {
    const readBatch = options.readBatch ?? LOG_READ_BATCH;
    const maxEvents = options.maxEvents ?? MAX_EVENTS_PER_REPLY;
    const found: StoredChangeEvent[] = [];
    while (found.length < maxEvents) {
      const before = this.cursor;
      const batch = await log.readAfter(before, readBatch);
      for (const event of batch) {
        if (event.replayId <= this.cursor) continue;
        if (this.wants(event.entityName) && event.createdAt >= options.retainedSince) found.push(event);
        this.cursor = event.replayId;
        if (found.length >= maxEvents) break;
      }
      if (batch.length < readBatch || this.cursor === before) break;
    }
    return found;
  }
}
