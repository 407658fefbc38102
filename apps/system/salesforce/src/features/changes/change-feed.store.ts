import { migrate, type Database, type Queryable } from '@strata/persistence';
import { changeFeedMigrations } from './change-feed.migrations';
import type { ChangeRecord } from './change-feed.types';

/** Where the CDC subscription stands: the last replay id written, and the newest commit time seen. */
export interface FeedState {
  lastReplayId: number | null;
  lastChangeAt: Date | null;
}

/** The changes one CDC event produced (one per record id), with the event's replay id. */
export interface EventChanges {
  replayId: number;
  commitAt: Date;
  changes: ChangeRecord[];
}

/** A stored change with its place in the feed. */
export interface StoredChange {
  seq: number;
  change: ChangeRecord;
}

const INSERT_CHUNK = 300;

/**
 * The feed's SQL, over PGlite or PostgreSQL alike. Every write updates `feed_state` in
 * the same transaction as the changes it covers, so after a crash the stored replay id
 * is exactly where the stored changes end: a restart neither skips nor repeats.
 */
export class ChangeFeedStore {
  private constructor(private readonly db: Database) {}

  /** Applies the feed's migrations and returns the store. */
  static async open(db: Database): Promise<ChangeFeedStore> {
    await migrate(db, changeFeedMigrations);
    return new ChangeFeedStore(db);
  }

  async state(): Promise<FeedState> {
    return readState(this.db, false);
  }

  /**
   * Appends the changes of events newer than the stored replay id, and moves the
   * replay id, in one transaction. The row lock on `feed_state` makes the check hold
   * even when two replicas write the same events: the second one finds them done.
   */
  async appendEvents(events: EventChanges[]): Promise<{ written: number; state: FeedState }> {
    return this.db.transaction(async (tx) => {
      const state = await readState(tx, true);
      let { lastReplayId, lastChangeAt } = state;
      const rows: { replayId: number | null; change: ChangeRecord }[] = [];
      for (const event of events) {
        if (lastReplayId !== null && event.replayId <= lastReplayId) continue;
        rows.push(...event.changes.map((change) => ({ replayId: event.replayId, change })));
        lastReplayId = event.replayId;
        if (!lastChangeAt || event.commitAt > lastChangeAt) lastChangeAt = event.commitAt;
      }
      if (lastReplayId === state.lastReplayId) return { written: 0, state };
      await insertChanges(tx, rows);
      await tx.query('UPDATE feed_state SET last_replay_id = $1, last_change_at = $2, updated_at = now() WHERE id = 1', [lastReplayId, lastChangeAt]);
      return { written: rows.length, state: { lastReplayId, lastChangeAt } };
    });
  }

  /**
   * Appends a resync (current state re-read after the stored replay id fell out of the
   * retention window) with a marker, so pages that cross it are flagged `resynced`.
   */
  async appendResync(changes: ChangeRecord[], info: { since: Date | null; refusedReplayId: number | null; lastChangeAt: Date | null }): Promise<{ afterSeq: number; endSeq: number }> {
    return this.db.transaction(async (tx) => {
      await readState(tx, true);
      const afterSeq = await headSeq(tx);
      await insertChanges(tx, changes.map((change) => ({ replayId: null, change })));
      const endSeq = await headSeq(tx);
      await tx.query('INSERT INTO feed_resyncs (after_seq, end_seq, refused_replay_id, since) VALUES ($1, $2, $3, $4)', [afterSeq, endSeq, info.refusedReplayId, info.since]);
      await tx.query('UPDATE feed_state SET last_change_at = GREATEST(last_change_at, $1::timestamptz), updated_at = now() WHERE id = 1', [info.lastChangeAt]);
      return { afterSeq, endSeq };
    });
  }

  /**
   * Up to `limit` changes after `afterSeq`, and whether the page crosses a resync: the
   * gap sits between `after_seq` and the next row, and the resync rows follow it, so a
   * page `(afterSeq, end]` is flagged when it reaches past the gap and starts before the
   * resync rows end.
   */
  async page(afterSeq: number, limit: number): Promise<{ changes: StoredChange[]; resynced: boolean }> {
    const { rows } = await this.db.query<{ seq: string; change: ChangeRecord }>('SELECT seq, change FROM feed_changes WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit]);
    const changes = rows.map((row) => ({ seq: Number(row.seq), change: row.change }));
    const end = changes.at(-1)?.seq ?? afterSeq;
    const marker = await this.db.query('SELECT 1 FROM feed_resyncs WHERE after_seq < $1 AND $2 < GREATEST(end_seq, after_seq + 1) LIMIT 1', [end, afterSeq]);
    return { changes, resynced: marker.rowCount > 0 };
  }
}

async function readState(db: Queryable, lock: boolean): Promise<FeedState> {
  const { rows } = await db.query<{ last_replay_id: string | null; last_change_at: Date | string | null }>(
    `SELECT last_replay_id, last_change_at FROM feed_state WHERE id = 1${lock ? ' FOR UPDATE' : ''}`,
  );
  const row = rows[0];
  return {
    lastReplayId: row?.last_replay_id == null ? null : Number(row.last_replay_id),
    lastChangeAt: row?.last_change_at == null ? null : new Date(row.last_change_at),
  };
}

async function headSeq(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ head: string | null }>('SELECT max(seq) AS head FROM feed_changes');
  return Number(rows[0]?.head ?? 0);
}

async function insertChanges(db: Queryable, rows: { replayId: number | null; change: ChangeRecord }[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    const values = chunk.map((_row, i) => `($${i * 3 + 1}::bigint, $${i * 3 + 2}, $${i * 3 + 3}::jsonb)`).join(', ');
    const params = chunk.flatMap((row) => [row.replayId, row.change.entityId, JSON.stringify(row.change)]);
    await db.query(`INSERT INTO feed_changes (replay_id, entity_id, change) VALUES ${values}`, params);
  }
}
