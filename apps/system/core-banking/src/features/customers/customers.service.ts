import type { CoreBankingCustomer } from '@strata/contracts-system-core-banking';
import { encodeCursor, decodeCursor } from '@strata/contract-kit';
import { NotFoundError, UpstreamError, ValidationError } from '@strata/errors';
import type { Logger } from '@strata/logging';
import { readParty, type BankParty } from '../../core-banking/bank-party.schema';
import { toBankTimestamp } from '../../core-banking/bank-timestamp';
import type { CoreBankingClient } from '../../core-banking/core-banking.client';
import { GOLDEN_KEY_SCHEME, toCustomer } from '../../core-banking/party.mapper';

/** Where a listing continues: after this party in (modifiedAt, partyId) order. */
interface ListCursor extends Record<string, unknown> {
  t: string;
  id: string;
}

const BANK_PAGE_SIZE = 100;

/**
 * Reads customers from the bank: by party id, by golden key, and as a listing in order
 * of change. The bank pages by page number, which skips rows when data moves between
 * calls; the listing turns it into a keyset cursor on (modifiedAt, partyId) instead.
 */
export class CustomersService {
  constructor(
    private readonly bank: CoreBankingClient,
    private readonly logger: Logger,
  ) {}

  async getById(id: string): Promise<CoreBankingCustomer> {
    return toCustomer(this.checked((await this.bank.getParty(id)).raw));
  }

  async getByKey(customerKey: string): Promise<CoreBankingCustomer> {
    const party = await this.findByKey(customerKey);
    if (!party) throw new NotFoundError(`No core-banking party carries golden key ${customerKey}`);
    return toCustomer(party);
  }

  /** The party linked to a golden key, checked; undefined when none is. */
  async findByKey(customerKey: string): Promise<BankParty | undefined> {
    const found = await this.bank.findByExternalRef(GOLDEN_KEY_SCHEME, customerKey);
    if (found.length > 1) this.logger.warn('several parties carry one golden key; using the first', { customerKey, count: found.length });
    return found.length ? this.checked(found[0]) : undefined;
  }

  async list(query: { after?: string; limit: number; modifiedSince?: string }): Promise<{ items: CoreBankingCustomer[]; nextCursor: string | null }> {
    const cursor = query.after ? decodeCursor<ListCursor>(query.after) : undefined;
    if (query.after && (typeof cursor?.t !== 'string' || typeof cursor?.id !== 'string')) {
      throw new ValidationError('The cursor is not one this API issued', [{ path: 'query.after', message: 'unknown cursor' }]);
    }
    const since = cursor?.t ?? (query.modifiedSince ? toBankTimestamp(new Date(query.modifiedSince)) : undefined);
    const parties: BankParty[] = [];
    for (let page = 1; parties.length <= query.limit; page += 1) {
      const found = await this.bank.listParties({ modifiedSince: since, page, pageSize: BANK_PAGE_SIZE });
      for (const raw of found.parties) {
        const reading = readParty(raw);
        if (!reading.ok) {
          this.logger.warn('skipped an unreadable party in a listing; the change feed quarantines it', { partyId: reading.partyId, reason: reading.reason });
          continue;
        }
        if (!cursor || isAfter(reading.party, cursor)) parties.push(reading.party);
      }
      if (!found.hasMore) break;
    }
    const items = parties.slice(0, query.limit);
    const last = items.at(-1);
    return { items: items.map(toCustomer), nextCursor: parties.length > query.limit && last ? encodeCursor({ t: last.modifiedAt, id: last.partyId }) : null };
  }

  /** A bank record the contract cannot carry is the bank's fault: a 502 that names what is wrong. */
  checked(raw: unknown): BankParty {
    const reading = readParty(raw);
    if (reading.ok) return reading.party;
    this.logger.warn('core banking returned an unreadable party', { partyId: reading.partyId, reason: reading.reason });
    throw new UpstreamError(`core banking returned an unreadable party ${reading.partyId ?? ''}: ${reading.reason}`, { upstream: 'core-banking', status: 502 });
  }
}

function isAfter(party: BankParty, cursor: ListCursor): boolean {
  return party.modifiedAt > cursor.t || (party.modifiedAt === cursor.t && party.partyId > cursor.id);
}
