import type { Customer, CustomerInput } from '@strata/contracts-system-card-platform';
import { decodeCursor, encodeCursor } from '@strata/contract-kit';
import { NotFoundError, PreconditionFailedError, UpstreamError, ValidationError } from '@strata/errors';
import type { Logger } from '@strata/logging';
import { UPSTREAM } from '../../card-platform/card-platform.breaker';
import type { CardPlatformClient, RawCardholder } from '../../card-platform/card-platform.client';
import { MalformedCardholderError, toCardholderFields, toCustomer } from '../../card-platform/cardholder.mapper';

export interface ListQuery {
  email?: string;
  lastName?: string;
  after?: string;
  limit: number;
}

/** What an upsert did: the cardholder's id, whether it is new, and its state now. */
export interface UpsertOutcome {
  id: string;
  created: boolean;
  customer: Customer;
}

/**
 * Customers over the card platform's SOAP operations. The platform has no "upsert by
 * golden key", so an upsert is SearchCardholders(CustomerRef) then a full-record
 * UpsertCardholder; repeating it changes nothing, which makes the PUT idempotent.
 */
export class CustomersService {
  constructor(
    private readonly platform: CardPlatformClient,
    private readonly logger: Logger,
  ) {}

  async getById(id: string): Promise<Customer> {
    return this.read(await this.platform.get(id));
  }

  async getByKey(customerKey: string): Promise<Customer> {
    const found = await this.findByKey(customerKey);
    if (!found) throw new NotFoundError(`No cardholder with golden key ${customerKey}`);
    return found;
  }

  /** A keyset page in id order, or a search (one page, no cursor) when email or lastName is given. */
  async list(query: ListQuery): Promise<{ items: Customer[]; nextCursor: string | null }> {
    if (query.email || query.lastName) {
      const found = await this.platform.search({ EmailAddress: query.email, FamilyName: query.lastName?.toUpperCase() });
      return { items: this.readAll(found).slice(0, query.limit), nextCursor: null };
    }
    const page = await this.platform.list(query.limit, startAfterOf(query.after));
    return { items: this.readAll(page.records), nextCursor: page.nextStartAfter ? encodeCursor({ startAfter: page.nextStartAfter }) : null };
  }

  async upsert(customerKey: string, input: CustomerInput): Promise<UpsertOutcome> {
    const current = await this.findByKey(customerKey);
    const result = await this.platform.upsert(toCardholderFields(customerKey, current, input));
    const customer = this.read(result.record);
    return { id: customer.id, created: result.created, customer };
  }

  /**
   * Updates the cardholder with this id (404 when there is none), stamping the golden key
   * when given. With `expectedVersion` (the caller's If-Match) a cardholder whose record
   * no longer hashes to it is refused with 412 and left alone. The platform has no
   * conditional write, so this is GetCardholder, compare, UpsertCardholder with nothing
   * awaited in between: a change landing between the two calls is still overwritten.
   */
  async update(id: string, input: CustomerInput & { customerKey?: string }, expectedVersion?: string): Promise<UpsertOutcome> {
    const { customerKey, ...fields } = input;
    const current = await this.getById(id);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new PreconditionFailedError(`Cardholder ${id} has changed since version ${expectedVersion} (now ${current.version}): read its change first`);
    }
    const result = await this.platform.upsert(toCardholderFields(customerKey ?? current.customerKey ?? '', current, fields));
    const customer = this.read(result.record);
    return { id: customer.id, created: false, customer };
  }

  private async findByKey(customerKey: string): Promise<Customer | undefined> {
    const [first] = await this.platform.search({ CustomerRef: customerKey });
    return first ? this.read(first) : undefined;
  }

  private read(raw: RawCardholder): Customer {
    try {
      return toCustomer(raw);
    } catch (error) {
      if (!(error instanceof MalformedCardholderError)) throw error;
      throw new UpstreamError(`The card platform returned an unreadable cardholder: ${error.message}`, { upstream: UPSTREAM, status: 502, cause: error });
    }
  }

  /** Listing skips unreadable records (logged) rather than failing the page; the change feed quarantines them. */
  private readAll(records: RawCardholder[]): Customer[] {
    return records.flatMap((raw) => {
      try {
        return [toCustomer(raw)];
      } catch (error) {
        if (!(error instanceof MalformedCardholderError)) throw error;
        this.logger.warn('skipped an unreadable cardholder in a listing', { cardholderId: String(raw['CardholderId'] ?? ''), reason: error.message });
        return [];
      }
    });
  }
}

function startAfterOf(after: string | undefined): string | undefined {
  if (after === undefined) return undefined;
  const startAfter = decodeCursor<{ startAfter?: unknown }>(after)?.startAfter;
  if (typeof startAfter !== 'string') throw new ValidationError('Invalid cursor', [{ path: 'query.after', message: 'Not a cursor from this API' }]);
  return startAfter;
}
