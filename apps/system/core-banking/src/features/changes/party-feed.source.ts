import type { FeedSource, Observation, PollContext, PollOutcome, QuarantinedRecord } from '@strata/change-feed';
import { readParty } from '../../core-banking/bank-party.schema';
import { bankTimestampMinus, parseBankTimestamp } from '../../core-banking/bank-timestamp';
import type { CoreBankingClient } from '../../core-banking/core-banking.client';
import type { OwnWrites } from '../../core-banking/own-writes';
import { toCustomer } from '../../core-banking/party.mapper';

/**
 * Where polling stands, stored with the changes it produced. `watermark` is the newest
 * `modifiedAt` a finished scan saw; a scan in progress remembers the `modifiedSince`
 * and page it reads next, so a restart continues it rather than starting over.
 */
export interface PartyFeedPosition {
  watermark: string | null;
  /** `newest`: the newest `modifiedAt` the scan has seen so far; the watermark once it ends. */
  scan: { since: string | null; page: number; newest: string | null } | null;
  /** When the last scan re-reading the whole overlap began (ms since epoch); absent in positions stored before sweeps existed. */
  sweptAt?: number;
}

export interface PartyFeedSourceOptions {
  bank: CoreBankingClient;
  ownWrites?: OwnWrites;
  /** Seconds a sweep re-reads before the watermark (see FEED_OVERLAP_SECONDS). */
  overlapSeconds: number;
  /** How often a scan is a sweep (see FEED_SWEEP_INTERVAL_MS); 0 makes every scan one. */
  sweepEveryMs: number;
  pageSize: number;
  /** The clock sweeps are timed by; tests pass their own. */
  now?: () => number;
}

export const PARTY_FEED_SOURCE = 'core-banking-parties';

/** What an ordinary scan re-reads before the watermark: its own second, and the one before for commits spanning the boundary. */
export const SAME_SECOND_SLACK_SECONDS = 1;
const RAW_LIMIT = 4000;

/**
 * The bank cannot push, so the feed polls `GET /parties?modifiedSince=` one page per
 * poll. The bank's timestamps have second precision, so they collide, and a late commit
 * can carry a timestamp older than one already seen. A scan therefore starts
 * {@link SAME_SECOND_SLACK_SECONDS} before the watermark (the collisions), and at most
 * every `sweepEveryMs` a sweep starts `overlapSeconds` before it (the late commits): a
 * late commit up to `overlapSeconds` minus that cadence old is still found. Re-reading the
 * whole overlap on every poll cost the bank and this API a page of parties per second of
 * overlap, every 250 ms under load, for rows almost always unchanged. Whatever a scan
 * re-reads has the same version (the mark) and the feed store drops it. Within a scan it
 * moves `modifiedSince` up to the last row's timestamp, and pages only while a whole page
 * shares one second. Unreadable parties are quarantined, never fatal.
 */
export class PartyFeedSource implements FeedSource<PartyFeedPosition> {
  readonly name = PARTY_FEED_SOURCE;

  constructor(private readonly options: PartyFeedSourceOptions) {}

  async poll({ position }: PollContext<PartyFeedPosition>): Promise<PollOutcome<PartyFeedPosition>> {
    const watermark = position?.watermark ?? null;
    const now = (this.options.now ?? Date.now)();
    const sweeping = !position?.scan && (position?.sweptAt === undefined || now - position.sweptAt >= this.options.sweepEveryMs);
    const sweptAt = sweeping ? now : position?.sweptAt;
    const reread = sweeping ? this.options.overlapSeconds : Math.min(SAME_SECOND_SLACK_SECONDS, this.options.overlapSeconds);
    const scan = position?.scan ?? { since: watermark ? bankTimestampMinus(watermark, reread) : null, page: 1, newest: watermark };
    const found = await this.options.bank.listParties({ modifiedSince: scan.since ?? undefined, page: scan.page, pageSize: this.options.pageSize });
    const observations: Observation[] = [];
    const quarantined: QuarantinedRecord[] = [];
    let newest = scan.newest ?? watermark;
    let lastSeen: string | null = null;
    for (const raw of found.parties) {
      const modifiedAt = timestampOf(raw);
      if (modifiedAt) {
        lastSeen = modifiedAt;
        if (!newest || modifiedAt > newest) newest = modifiedAt;
      }
      const reading = readParty(raw);
      if (reading.ok) observations.push(this.observe(reading.party));
      else quarantined.push({ source: `party ${reading.partyId ?? '(no id)'}`, entityId: reading.partyId, reason: reading.reason, raw: JSON.stringify(raw).slice(0, RAW_LIMIT) });
    }
    if (!found.hasMore) return { observations, quarantined, position: { watermark: newest, scan: null, sweptAt }, more: false };
    const next = lastSeen && lastSeen !== scan.since ? { since: lastSeen, page: 1, newest } : { since: scan.since, page: scan.page + 1, newest };
    return { observations, quarantined, position: { watermark, scan: next, sweptAt }, more: true };
  }

  private observe(party: Parameters<typeof toCustomer>[0]): Observation {
    const customer = toCustomer(party);
    const self = this.options.ownWrites?.has(party.partyId, party.version) ?? false;
    return {
      entityType: 'customer',
      entityId: party.partyId,
      data: customer,
      mark: `v${party.version}`,
      occurredAt: customer.updatedAt ?? undefined,
      origin: { self, client: self ? 'system-core-banking' : null },
    };
  }
}

/** The record's `modifiedAt` when it is a real bank timestamp, even if the rest is malformed. */
function timestampOf(raw: unknown): string | null {
  const value = (raw as { modifiedAt?: unknown } | null)?.modifiedAt;
  return typeof value === 'string' && parseBankTimestamp(value) ? value : null;
}
