import type { Connection } from 'jsforce';
import { CONTACT_FIELDS, toCustomer, toIsoDateTime } from '../../salesforce/contact.mapper';
import type { ChangeFeedStore } from './change-feed.store';
import type { ChangeRecord } from './change-feed.types';

/** How far before the last known change a resync starts reading: commit and modstamp clocks differ slightly. */
export const DEFAULT_RESYNC_MARGIN_MS = 60_000;
/** Most Contacts one resync reads (jsforce's autoFetch cap). */
const MAX_RESYNC_RECORDS = 100_000;

const SELECT = `SELECT ${[...CONTACT_FIELDS, 'IsDeleted', 'SystemModstamp'].join(', ')} FROM Contact`;

/** SOQL dateTime literals take whole seconds; flooring keeps the boundary record in. */
export function soqlDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * Closes a gap CDC can no longer replay: reads every Contact changed since the last
 * known change (deleted ones too, through queryAll), in SystemModstamp order, and
 * appends each as a `resync` change with a resync marker, in one transaction. The
 * intermediate changes are lost for good; what a consumer gets is the current state of
 * every record that may have changed, and `resynced: true` on the page that crosses it.
 *
 * @returns how many changes were appended
 */
export async function resyncContacts(
  conn: () => Connection,
  store: ChangeFeedStore,
  refusedReplayId: number | null,
  marginMs = DEFAULT_RESYNC_MARGIN_MS,
): Promise<number> {
  const { lastChangeAt } = await store.state();
  const since = lastChangeAt ? new Date(lastChangeAt.getTime() - marginMs) : null;
  const soql = `${SELECT}${since ? ` WHERE SystemModstamp >= ${soqlDateTime(since)}` : ''} ORDER BY SystemModstamp, Id`;
  const result = await conn().query<Record<string, unknown>>(soql, { autoFetch: true, maxFetch: MAX_RESYNC_RECORDS, scanAll: true });
  const changes = result.records.map(toResyncChange);
  const newest = changes.at(-1)?.occurredAt;
  await store.appendResync(changes, { since, refusedReplayId, lastChangeAt: newest ? new Date(newest) : null });
  return changes.length;
}

function toResyncChange(record: Record<string, unknown>): ChangeRecord {
  return {
    changeType: 'resync',
    entityType: 'customer',
    entityId: String(record['Id']),
    occurredAt: toIsoDateTime(record['SystemModstamp']),
    origin: { self: false, client: null },
    changedFields: [],
    data: record['IsDeleted'] === true ? null : toCustomer(record),
  };
}
