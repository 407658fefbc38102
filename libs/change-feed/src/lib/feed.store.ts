import { createHash } from 'node:crypto';
import { migrate, type Database, type Queryable } from '@strata/persistence';
import { changeFeedMigrations } from './change-feed.migrations';
import type { ChangeRecord, Observation, QuarantinedRecord } from './change-feed.types';
import { changedFields } from './changed-fields';

/** What the store remembers of one entity: the mark and clean state last seen. */
interface EntitySnapshot {
  mark: string;
  data: unknown;
}

/** What one poll hands the store to commit atomically. */
export interface PollCommit<P> {
  source: string;
  observations: Observation[];
  quarantined?: QuarantinedRecord[];
  /** Where polling stands after this batch; stored with the changes it produced. */
  position: P;
}

export interface CommitResult {
  /** Changes appended to the feed (observations that really changed something). */
  written: number;
  /** Of those, the changes not made by this API's own writes (their echoes are `origin.self`). */
  writtenByOthers: number;
  /** Newly quarantined records (ones seen before are not counted again). */
  quarantined: number;
  /** The newest `occurredAt` among the written changes. */
  newestChangeAt: Date | null;
}

export interface StoredChange {
  seq: number;
  change: ChangeRecord;
}

/** A quarantined record as the status endpoint shows it (contract-kit's `quarantinedRecordSchema`). */
export interface QuarantineEntry extends Omit<QuarantinedRecord, 'entityId'> {
  entityId: string | null;
  id: number;
  sourceName: string;
  quarantinedAt: string;
}

/** A source's polling state. */
export interface SourceState<P> {
  position: P | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

const INSERT_CHUNK = 300;
const RAW_LIMIT = 4096;

/**
 * The durable half of a polled change feed, over PGlite or PostgreSQL alike. A poll's
 * observations, quarantined records and new position are committed in one transaction:
 * after a crash the stored position is exactly where the stored changes end, so a
 * restart neither skips nor repeats. Observations whose mark equals the stored one, or
 * whose clean state is unchanged, are dropped here: sources may overlap freely.
 */
export class FeedStore {
  private constructor(private readonly db: Database) {}

  static async open(db: Database): Promise<FeedStore> {
    await migrate(db, changeFeedMigrations);
    return new FeedStore(db);
  }

  async state<P>(source: string): Promise<SourceState<P>> {
    const { rows } = await this.db.query<PositionRow>('SELECT * FROM change_feed_positions WHERE source = $1', [source]);
    return toSourceState<P>(rows[0]);
  }

  /**
   * The stored marks of some entities, for sources that want to skip work (fetching a
   * record's details) when the mark shows it has not changed.
   */
  async marks(entityType: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.db.query<{ entity_id: string; mark: string }>(
      'SELECT entity_id, mark FROM change_feed_entities WHERE entity_type = $1 AND entity_id = ANY($2::text[])',
      [entityType, ids],
    );
    return new Map(rows.map((row) => [row.entity_id, row.mark]));
  }

  /**
   * The entity ids of a type the feed has seen alive: full-snapshot sources find
   * deletions with it. `range` (ids after `after`, up to and including `upTo`, in
   * code-unit order like JavaScript's `<`) narrows it to what one page of a pass covers,
   * so a pass over n records reads each live id once instead of n / page-size times.
   */
  async liveIds(entityType: string, range: { after?: string; upTo?: string } = {}): Promise<Set<string>> {
    const { rows } = await this.db.query<{ entity_id: string }>(
      `SELECT entity_id FROM change_feed_entities WHERE entity_type = $1 AND data IS NOT NULL
         AND ($2::text IS NULL OR entity_id COLLATE "C" > $2::text) AND ($3::text IS NULL OR entity_id COLLATE "C" <= $3::text)`,
      [entityType, range.after ?? null, range.upTo ?? null],
    );
    return new Set(rows.map((row) => row.entity_id));
  }

  /**
   * Commits one poll. The row lock on the source's position serialises replicas that
   * poll the same source: the second finds the marks already moved and writes nothing.
   */
  async commit<P>(batch: PollCommit<P>): Promise<CommitResult> {
    return this.db.transaction(async (tx) => {
      await tx.query('INSERT INTO change_feed_positions (source) VALUES ($1) ON CONFLICT (source) DO NOTHING', [batch.source]);
      await tx.query('SELECT 1 FROM change_feed_positions WHERE source = $1 FOR UPDATE', [batch.source]);
      const changes = await toChanges(tx, batch.observations);
      await insertChanges(tx, changes);
      const quarantined = await insertQuarantine(tx, batch.source, batch.quarantined ?? []);
      await tx.query(
        'UPDATE change_feed_positions SET position = $2::jsonb, last_success_at = now(), last_error = NULL, updated_at = now() WHERE source = $1',
        [batch.source, JSON.stringify(batch.position ?? null)],
      );
      const newest = changes.reduce<Date | null>((max, c) => {
        const at = new Date(c.occurredAt);
        return !max || at > max ? at : max;
      }, null);
      return { written: changes.length, writtenByOthers: changes.filter((change) => !change.origin.self).length, quarantined, newestChangeAt: newest };
    });
  }

  /** Records a failed poll for the status endpoint; the position stays where it was. */
  async recordError(source: string, message: string): Promise<void> {
    await this.db.query(
      `INSERT INTO change_feed_positions (source, last_error, last_error_at) VALUES ($1, $2, now())
       ON CONFLICT (source) DO UPDATE SET last_error = $2, last_error_at = now(), updated_at = now()`,
      [source, message.slice(0, 500)],
    );
  }

  /** Up to `limit` changes after `afterSeq`, oldest first. */
  async page(afterSeq: number, limit: number): Promise<StoredChange[]> {
    const { rows } = await this.db.query<{ seq: string; change: ChangeRecord }>('SELECT seq, change FROM change_feed_changes WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit]);
    return rows.map((row) => ({ seq: Number(row.seq), change: row.change }));
  }

  async headSeq(): Promise<number> {
    const { rows } = await this.db.query<{ head: string | null }>('SELECT max(seq) AS head FROM change_feed_changes');
    return Number(rows[0]?.head ?? 0);
  }

  async quarantine(limit = 20): Promise<{ total: number; recent: QuarantineEntry[] }> {
    const count = await this.db.query<{ total: string }>('SELECT count(*) AS total FROM change_feed_quarantine');
    const { rows } = await this.db.query<QuarantineRow>('SELECT * FROM change_feed_quarantine ORDER BY id DESC LIMIT $1', [limit]);
    return {
      total: Number(count.rows[0]?.total ?? 0),
      recent: rows.map((row) => ({
        id: Number(row.id),
        sourceName: row.source_name,
        source: row.source,
        entityId: row.entity_id,
        reason: row.reason,
        raw: row.raw,
        quarantinedAt: new Date(row.quarantined_at).toISOString(),
      })),
    };
  }
}

interface PositionRow {
  position: unknown;
  last_success_at: Date | string | null;
  last_error: string | null;
  last_error_at: Date | string | null;
}

interface QuarantineRow {
  id: string;
  source_name: string;
  source: string;
  entity_id: string | null;
  reason: string;
  raw: string;
  quarantined_at: Date | string;
}

function toSourceState<P>(row: PositionRow | undefined): SourceState<P> {
  const iso = (value: Date | string | null | undefined) => (value == null ? null : new Date(value).toISOString());
  return {
    position: (row?.position ?? null) as P | null,
    lastSuccessAt: iso(row?.last_success_at),
    lastError: row?.last_error ?? null,
    lastErrorAt: iso(row?.last_error_at),
  };
}

/**
 * Turns observations into changes against the stored snapshots, and moves the snapshots.
 * An entity observed twice in one batch is compared with its own earlier observation.
 */
async function toChanges(tx: Queryable, observations: Observation[]): Promise<ChangeRecord[]> {
  const snapshots = await loadSnapshots(tx, observations);
  const changes: ChangeRecord[] = [];
  const touched = new Map<string, { entityType: string; entityId: string; snapshot: EntitySnapshot }>();
  for (const seen of observations) {
    const key = `${seen.entityType}\u0000${seen.entityId}`;
    const before = snapshots.get(key);
    if (before && before.mark === seen.mark) continue;
    const snapshot = { mark: seen.mark, data: seen.data };
    snapshots.set(key, snapshot);
    touched.set(key, { entityType: seen.entityType, entityId: seen.entityId, snapshot });
    const change = toChange(seen, before);
    if (change) changes.push(change);
  }
  await saveSnapshots(tx, [...touched.values()]);
  return changes;
}

function toChange(seen: Observation, before: EntitySnapshot | undefined): ChangeRecord | null {
  const existed = before !== undefined && before.data !== null;
  if (seen.data === null && !existed && !seen.changeType) return null;
  const derived = seen.data === null ? 'deleted' : !before ? 'created' : before.data === null ? 'undeleted' : 'updated';
  const changeType = seen.changeType ?? derived;
  const fields = changeType === 'updated' ? changedFields(before?.data ?? null, seen.data) : [];
  if (changeType === 'updated' && fields.length === 0) return null;
  return {
    changeType,
    entityType: seen.entityType,
    entityId: seen.entityId,
    occurredAt: seen.occurredAt ?? new Date().toISOString(),
    origin: seen.origin ?? { self: false, client: null },
    changedFields: fields,
    data: seen.data,
  };
}

async function loadSnapshots(tx: Queryable, observations: Observation[]): Promise<Map<string, EntitySnapshot>> {
  const snapshots = new Map<string, EntitySnapshot>();
  const byType = new Map<string, Set<string>>();
  for (const o of observations) byType.set(o.entityType, (byType.get(o.entityType) ?? new Set()).add(o.entityId));
  for (const [entityType, ids] of byType) {
    const { rows } = await tx.query<{ entity_id: string; mark: string; data: unknown }>(
      'SELECT entity_id, mark, data FROM change_feed_entities WHERE entity_type = $1 AND entity_id = ANY($2::text[]) FOR UPDATE',
      [entityType, [...ids]],
    );
    for (const row of rows) snapshots.set(`${entityType}\u0000${row.entity_id}`, { mark: row.mark, data: row.data });
  }
  return snapshots;
}

async function saveSnapshots(tx: Queryable, rows: { entityType: string; entityId: string; snapshot: EntitySnapshot }[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    const values = chunk.map((_r, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4}::jsonb)`).join(', ');
    const params = chunk.flatMap((r) => [r.entityType, r.entityId, r.snapshot.mark, r.snapshot.data === null ? null : JSON.stringify(r.snapshot.data)]);
    await tx.query(
      `INSERT INTO change_feed_entities (entity_type, entity_id, mark, data) VALUES ${values}
       ON CONFLICT (entity_type, entity_id) DO UPDATE SET mark = EXCLUDED.mark, data = EXCLUDED.data, updated_at = now()`,
      params,
    );
  }
}

async function insertChanges(tx: Queryable, changes: ChangeRecord[]): Promise<void> {
  for (let start = 0; start < changes.length; start += INSERT_CHUNK) {
    const chunk = changes.slice(start, start + INSERT_CHUNK);
    const values = chunk.map((_c, i) => `($${i * 2 + 1}, $${i * 2 + 2}::jsonb)`).join(', ');
    const params = chunk.flatMap((c) => [c.entityId, JSON.stringify(c)]);
    await tx.query(`INSERT INTO change_feed_changes (entity_id, change) VALUES ${values}`, params);
  }
}

async function insertQuarantine(tx: Queryable, sourceName: string, records: QuarantinedRecord[]): Promise<number> {
  let inserted = 0;
  for (const record of records) {
    const raw = record.raw.length > RAW_LIMIT ? `${record.raw.slice(0, RAW_LIMIT)}…` : record.raw;
    const fingerprint = createHash('sha256').update(`${sourceName}\u0000${record.source}\u0000${record.reason}\u0000${raw}`).digest('hex');
    const result = await tx.query(
      `INSERT INTO change_feed_quarantine (source_name, source, entity_id, reason, raw, fingerprint) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (fingerprint) DO NOTHING`,
      [sourceName, record.source, record.entityId ?? null, record.reason, raw, fingerprint],
    );
    inserted += result.rowCount;
  }
  return inserted;
}
