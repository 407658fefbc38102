import type { z } from 'zod';
import type { changeOriginSchema, changeTypeSchema } from '@strata/contract-kit';

export type ChangeType = z.infer<typeof changeTypeSchema>;
export type ChangeOrigin = z.infer<typeof changeOriginSchema>;

/** One change as the contract's change-feed envelope carries it, without its cursor. */
export interface ChangeRecord<T = unknown> {
  changeType: ChangeType;
  entityType: string;
  entityId: string;
  occurredAt: string;
  origin: ChangeOrigin;
  changedFields: string[];
  data: T | null;
}

/** One change as served: the record plus the cursor right after it. */
export type FeedChange<T = unknown> = ChangeRecord<T> & { cursor: string };

/** The `GET /v1/changes` query every System API's contract shares (`changeFeedQuerySchema`). */
export interface ChangeFeedQuery {
  after?: string;
  limit: number;
  waitMs: number;
}

/** A page of the change feed (`changeFeedPageSchema`). */
export interface ChangeFeedPage<T = unknown> {
  changes: FeedChange<T>[];
  nextCursor: string;
  resynced: boolean;
}

/**
 * What a poll saw of one entity: its clean state now (null: gone from the backend) and
 * a mark that changes whenever the backend's record does (a version, an ETag, a hash of
 * the raw record). The store compares marks and states with what it saw last, so a
 * source may report the same state again (overlap windows, restarts, full rescans)
 * without it reaching the feed twice.
 */
export interface Observation<T = unknown> {
  entityType: string;
  entityId: string;
  /** Null when the entity no longer exists (deleted or absent from a full snapshot). */
  data: T | null;
  /** Changes whenever the backend record changes; compared with the stored one. */
  mark: string;
  /** When the backend says the change happened; now when it cannot say. */
  occurredAt?: string;
  /** Who made it, when the backend tells; `{ self: false, client: null }` otherwise. */
  origin?: ChangeOrigin;
  /** Overrides the type the store derives (`created`/`updated`/`deleted`/`undeleted`). */
  changeType?: ChangeType;
}

/**
 * A backend record that could not be turned into clean data (malformed, impossible
 * date, truncated line): kept with why and where, shown in the feed status, never
 * silently dropped and never allowed to stop the feed.
 */
export interface QuarantinedRecord {
  /** Where it came from: `party 123`, `file LOANCHG.000042 line 17`. */
  source: string;
  /** The entity it seemed to be about, when that much could be read. */
  entityId?: string | null;
  reason: string;
  /** The raw record (text or JSON), trimmed to a few KB; must not carry secrets. */
  raw: string;
}
