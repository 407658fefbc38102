import type { ChangeEventLog, ChangeEventPayload, ChangeType, StoredChangeEvent } from '../change-event.types';

/** What a test says about an event it appends; everything else gets a plausible default. */
export interface AppendSpec {
  entityName: string;
  changeType?: ChangeType;
  recordId?: string;
  fields?: Record<string, unknown>;
  createdAt?: Date;
}

/**
 * The change-event log in memory, for CometD tests: the same contract as the PGlite
 * log (ascending replay ids never reused, `onAppend` after each commit), plus
 * `purgeThrough` to play the retention window passing.
 */
export class InMemoryChangeEventLog implements ChangeEventLog {
  private readonly events: StoredChangeEvent[] = [];
  private readonly listeners = new Set<(events: StoredChangeEvent[]) => void>();
  private nextReplayId = 1;
  private commitNumber = 0;

  async readAfter(after: number, limit: number): Promise<StoredChangeEvent[]> {
    return this.events.filter((event) => event.replayId > after).slice(0, limit);
  }

  async latestReplayId(): Promise<number> {
    return this.nextReplayId - 1;
  }

  async oldestRetainedReplayId(): Promise<number | undefined> {
    return this.events[0]?.replayId;
  }

  onAppend(listener: (events: StoredChangeEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Appends one commit's events and notifies listeners, as the record store does after COMMIT. */
  append(...specs: AppendSpec[]): StoredChangeEvent[] {
    this.commitNumber += 1;
    const appended = specs.map((spec, index) => this.toEvent(spec, index));
    this.events.push(...appended);
    for (const listener of this.listeners) listener(appended);
    return appended;
  }

  /** Drops every event up to `replayId`, as the retention job does once they are 72 h old. */
  purgeThrough(replayId: number): void {
    while (this.events[0] && this.events[0].replayId <= replayId) this.events.shift();
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  private toEvent(spec: AppendSpec, index: number): StoredChangeEvent {
    const replayId = this.nextReplayId++;
    const fields = spec.fields ?? { LastName: `Name ${replayId}` };
    const payload: ChangeEventPayload = {
      ChangeEventHeader: {
        entityName: spec.entityName,
        recordIds: [spec.recordId ?? `003${String(replayId).padStart(15, '0')}`],
        changeType: spec.changeType ?? 'UPDATE',
        changeOrigin: '',
        transactionKey: `tx-${this.commitNumber}`,
        sequenceNumber: index + 1,
        commitTimestamp: Date.now(),
        commitNumber: this.commitNumber,
        commitUser: '005000000000001AAA',
        changedFields: Object.keys(fields),
        diffFields: [],
        nulledFields: [],
      },
      ...fields,
    };
    return { replayId, entityName: spec.entityName, payload, createdAt: spec.createdAt ?? new Date() };
  }
}
