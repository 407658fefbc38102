import { z } from 'zod';

/**
 * The change feed every System API that a Process API syncs from offers, with one
 * envelope for all backends so one consumer reads Salesforce, REST, SOAP and file
 * backends alike. `after` is an opaque, durable cursor: pass the previous page's
 * `nextCursor` to continue exactly where it ended, across restarts of either side.
 */
export const changeFeedQuerySchema = z.object({
  after: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** Long poll: wait up to this long for a change when none is pending. */
  waitMs: z.coerce.number().int().min(0).max(30_000).default(0),
});

export const changeTypeSchema = z.enum(['created', 'updated', 'deleted', 'undeleted', 'resync']);

/** Who made a change, so a Process API can recognise its own writes coming back. */
export const changeOriginSchema = z
  .object({
    /** True when the change was made through this System API itself. */
    self: z.boolean(),
    /** The backend's name for the writing client, when it reports one. */
    client: z.string().nullable(),
  })
  .meta({ id: 'ChangeOrigin' });

/** One change of one entity, carrying the entity's state after it (null when deleted). */
export function changeSchema<T extends z.ZodType>(entity: T) {
  return z.object({
    /** Position right after this change; resume from it with `after`. */
    cursor: z.string(),
    changeType: changeTypeSchema,
    entityType: z.string(),
    entityId: z.string(),
    occurredAt: z.iso.datetime({ offset: true }),
    origin: changeOriginSchema,
    /** Canonical field names that changed; empty for creates, deletes and resyncs. */
    changedFields: z.array(z.string()),
    data: entity.nullable(),
  });
}

/** A page of changes; `nextCursor` is where to continue even when the page is empty. */
export function changeFeedPageSchema<T extends z.ZodType>(entity: T) {
  return z.object({
    changes: z.array(changeSchema(entity)),
    nextCursor: z.string(),
    /**
     * True when the backend could no longer replay from the given cursor and the feed
     * re-read current state instead: consumers should reconcile rather than trust
     * they saw every intermediate change.
     */
    resynced: z.boolean(),
  });
}

/** A backend record the feed could not read, kept for a person to look at. */
export const quarantinedRecordSchema = z
  .object({
    id: z.number().int(),
    sourceName: z.string(),
    /** Where it came from: `party P000123`, `file LNCHG.000042 line 17`. */
    source: z.string(),
    entityId: z.string().nullable(),
    reason: z.string(),
    raw: z.string(),
    quarantinedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'QuarantinedRecord' });

/**
 * The health of a polled change feed (`GET /v1/changes/status`): where polling stands,
 * the last error, and the records quarantined because the backend sent bad data.
 */
export const feedStatusSchema = z
  .object({
    source: z.string(),
    /** True while this replica holds the feed lease and polls the backend. */
    polling: z.boolean(),
    /** The source's own position (a timestamp, page hashes, a file offset); opaque to consumers. */
    position: z.unknown(),
    lastSuccessAt: z.iso.datetime({ offset: true }).nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: z.iso.datetime({ offset: true }).nullable(),
    quarantine: z.object({ total: z.number().int(), recent: z.array(quarantinedRecordSchema) }),
  })
  .meta({ id: 'FeedStatus' });
