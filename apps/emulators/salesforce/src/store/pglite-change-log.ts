import type { Database, Queryable } from '@strata/persistence';
import type { ChangeEventLog, ChangeEventPayload, StoredChangeEvent } from '../cdc/change-event.types';

interface EventRow {
  replay_id: string;
  entity_name: string;
  payload: ChangeEventPayload;
  created_at: Date;
}

const toEvent = (row: EventRow): StoredChangeEvent => ({
  replayId: Number(row.replay_id),
  entityName: row.entity_name,
  payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
  createdAt: new Date(row.created_at),
});

/**
 * The durable change-event log: events are appended in the same transaction as the
 * records they describe, so a crash can never leave a change without its event or an
 * event without its change. Retention drops events older than the window, as a real
 * org forgets events after 72 hours.
 */
export class PgChangeLog implements ChangeEventLog {
  private readonly listeners = new Set<(events: StoredChangeEvent[]) => void>();

  constructor(
    private readonly db: Database,
    private readonly retentionMs: number,
    private readonly clock: () => Date,
  ) {}

  /** Appends inside the caller's transaction; call `published` after it commits. */
  async append(tx: Queryable, payloads: ChangeEventPayload[], at: Date): Promise<StoredChangeEvent[]> {
    const events: StoredChangeEvent[] = [];
    for (const payload of payloads) {
      const { rows } = await tx.query<EventRow>(
        'INSERT INTO change_events (entity_name, payload, created_at) VALUES ($1, $2, $3) RETURNING *',
        [payload.ChangeEventHeader.entityName, JSON.stringify(payload), at],
      );
      events.push(toEvent(rows[0] as EventRow));
    }
    return events;
  }

  /** Wakes streaming subscribers once the events' transaction has committed. */
  published(events: StoredChangeEvent[]): void {
    if (events.length === 0) return;
    for (const listener of this.listeners) listener(events);
  }

  async readAfter(after: number, limit: number): Promise<StoredChangeEvent[]> {
    const { rows } = await this.db.query<EventRow>(
      'SELECT * FROM change_events WHERE replay_id > $1 AND created_at >= $2 ORDER BY replay_id LIMIT $3',
      [after, this.retentionStart(), limit],
    );
    return rows.map(toEvent);
  }

  async latestReplayId(): Promise<number> {
    const { rows } = await this.db.query<{ latest: string | null }>('SELECT max(replay_id) AS latest FROM change_events');
    return Number(rows[0]?.latest ?? 0);
  }

  async oldestRetainedReplayId(): Promise<number | undefined> {
    const { rows } = await this.db.query<{ oldest: string | null }>('SELECT min(replay_id) AS oldest FROM change_events WHERE created_at >= $1', [this.retentionStart()]);
    return rows[0]?.oldest == null ? undefined : Number(rows[0].oldest);
  }

  onAppend(listener: (events: StoredChangeEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Deletes events past retention; they could no longer be replayed anyway. */
  async purge(): Promise<number> {
    const { rowCount } = await this.db.query('DELETE FROM change_events WHERE created_at < $1', [this.retentionStart()]);
    return rowCount;
  }

  private retentionStart(): Date {
    return new Date(this.clock().getTime() - this.retentionMs);
  }
}
