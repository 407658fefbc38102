import { type FeedSource, markOf, type Observation, type PollContext, type PollOutcome, type QuarantinedRecord } from '@strata/change-feed';
import type { CardPlatformClient, RawCardholder } from '../../card-platform/card-platform.client';
import { MalformedCardholderError, toCustomer } from '../../card-platform/cardholder.mapper';

export const ENTITY_TYPE = 'customer';

/**
 * Where a snapshot pass stands: which pass, and the last cardholder id of the last
 * committed page (null at the start of a pass). Committed with each page's changes, so
 * a restart resumes on the next page: nothing skipped, nothing replayed.
 */
export interface SnapshotPosition {
  pass: number;
  startAfter: string | null;
  page: number;
}

/**
 * Change detection for a backend with no modification times: a full pass over
 * ListCardholders in id order, one page per poll. Each record's mark is the hash of its
 * raw form; records whose mark equals the stored one are dropped before they are mapped,
 * so a pass costs the listing and one query of marks, not a diff of every record. Pages are
 * keyset ranges, so a live id inside a page's range that the page no longer holds was
 * deleted; that is decided page by page and never depends on what an earlier, maybe
 * crashed, process saw. Unreadable records are quarantined and count as present.
 */
export class CardholderSnapshotSource implements FeedSource<SnapshotPosition> {
  readonly name = 'card-platform-snapshot';

  constructor(
    private readonly platform: CardPlatformClient,
    private readonly pageSize: number,
  ) {}

  async poll({ position, store }: PollContext<SnapshotPosition>): Promise<PollOutcome<SnapshotPosition>> {
    const at = position ?? { pass: 1, startAfter: null, page: 0 };
    const page = await this.platform.list(this.pageSize, at.startAfter ?? undefined);
    const observations: Observation[] = [];
    const quarantined: QuarantinedRecord[] = [];
    const present = new Set<string>();
    const stored = await store.marks(ENTITY_TYPE, page.records.map(idOf).filter((id): id is string => id !== null));
    for (const raw of page.records) {
      const id = idOf(raw);
      if (id) present.add(id);
      const mark = markOf(raw);
      // Most of a pass is unchanged: skip mapping it, and the commit loading its stored state.
      if (id !== null && stored.get(id) === mark) continue;
      const seen = observe(raw, id, mark, id !== null && this.platform.isOwnWrite(id, raw));
      if ('reason' in seen) quarantined.push(seen);
      else observations.push(seen);
    }
    const upper = page.nextStartAfter;
    for (const id of await store.liveIds(ENTITY_TYPE, { after: at.startAfter ?? undefined, upTo: upper })) {
      if (!present.has(id)) observations.push({ entityType: ENTITY_TYPE, entityId: id, data: null, mark: 'absent' });
    }
    const next: SnapshotPosition = upper ? { pass: at.pass, startAfter: upper, page: at.page + 1 } : { pass: at.pass + 1, startAfter: null, page: 0 };
    return { observations, quarantined, position: next, more: upper !== undefined };
  }
}

/** The client name own writes carry in `origin`. */
export const SELF_CLIENT = 'strata-system-card-platform';

function idOf(raw: RawCardholder): string | null {
  return typeof raw['CardholderId'] === 'string' ? raw['CardholderId'] : null;
}

function observe(raw: RawCardholder, id: string | null, mark: string, own: boolean): Observation | QuarantinedRecord {
  try {
    const customer = toCustomer(raw);
    const origin = own ? { self: true, client: SELF_CLIENT } : { self: false, client: null };
    return { entityType: ENTITY_TYPE, entityId: customer.id, data: customer, mark, origin };
  } catch (error) {
    if (!(error instanceof MalformedCardholderError)) throw error;
    return { source: `cardholder ${id ?? '(no CardholderId)'}`, entityId: id, reason: error.message, raw: JSON.stringify(raw) };
  }
}
