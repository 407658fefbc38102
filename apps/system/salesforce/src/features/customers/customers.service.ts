import type { Connection } from 'jsforce';
import { decodeCursor, encodeCursor } from '@strata/contract-kit';
import type { Customer, CustomerInput, ExternalSystem } from '@strata/contracts-system-salesforce';
import { NotFoundError, PreconditionFailedError, ValidationError } from '@strata/errors';
import { updateIfUnmodified } from '../../salesforce/conditional-update';
import { CONTACT_FIELDS, EXTERNAL_ID_FIELD, toContactFields, toCustomer } from '../../salesforce/contact.mapper';
import { ContactsById } from '../../salesforce/contacts-by-id';
import { withLockRetry } from '../../salesforce/lock-retry';
import { bulkUpsertByKey, type BulkItem } from './bulk-upsert';
import type { OrgLimits } from '../../salesforce/org-limits';
import type { SalesforceBreaker } from '../../salesforce/salesforce.breaker';
import { translateSalesforceError } from '../../salesforce/salesforce-errors';

const SELECT = `SELECT ${CONTACT_FIELDS.join(', ')} FROM Contact`;
const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
type ContactRecord = Record<string, unknown>;

/** The upsert outcome the contract returns. */
export interface UpsertOutcome {
  id: string;
  created: boolean;
  customer: Customer;
}

/**
 * Customers as Salesforce Contacts, through jsforce only. Every Salesforce failure
 * leaves here translated into the error family.
 */
export class CustomersService {
  constructor(
    private readonly conn: () => Connection,
    private readonly limits?: OrgLimits,
    private readonly breaker?: SalesforceBreaker,
  ) {}

  /** Every jsforce call goes through the breaker, which gives it a deadline, and none is made while the allowance is paused. */
  private async guarded<T>(call: () => Promise<T>): Promise<T> {
    this.limits?.refuseWhileSpent();
    return this.breaker ? this.breaker.run(call) : call();
  }

  /** Translates a failure after letting the allowance tracker see it (it says how long a spent allowance pauses callers). */
  private fail(error: unknown): never {
    this.limits?.observeFailure(error);
    throw translateSalesforceError(error, { allowanceRetryAfterSeconds: this.limits?.retryAfterSeconds() });
  }

  async list(options: { q?: string; after?: string; limit: number }): Promise<{ items: Customer[]; nextCursor: string | null }> {
    const cursor = options.after ? decodeCursor<{ id: string }>(options.after) : undefined;
    if (options.after && typeof cursor?.id !== 'string') throw new ValidationError('Invalid cursor', [{ path: 'query.after', message: 'Not a cursor from this API' }]);
    const filters = [cursor ? `Id > ${quote(cursor.id)}` : undefined, options.q ? searchFilter(options.q) : undefined].filter(Boolean);
    const soql = `${SELECT}${filters.length ? ` WHERE ${filters.join(' AND ')}` : ''} ORDER BY Id LIMIT ${options.limit + 1}`;
    const records = await this.query(soql);
    const page = records.slice(0, options.limit);
    const last = page.at(-1);
    return { items: page.map(toCustomer), nextCursor: records.length > options.limit && last ? encodeCursor({ id: String(last['Id']) }) : null };
  }

  /** Many upserts by golden key in Collections of 200, under the same guards as every other call. */
  async bulkUpsert(items: BulkItem[]): Promise<Awaited<ReturnType<typeof bulkUpsertByKey>>> {
    try {
      const outcome = await bulkUpsertByKey(this.conn, items, (call) => this.guarded(call));
      this.limits?.observe(this.conn());
      return outcome;
    } catch (error) {
      this.fail(error);
    }
  }

  async getById(id: string): Promise<Customer> {
    return this.one(`${SELECT} WHERE Id = ${quote(id)}`);
  }

  async getByKey(customerKey: string): Promise<Customer> {
    return this.one(`${SELECT} WHERE Customer_Key__c = ${quote(customerKey)}`);
  }

  async getByExternalId(system: ExternalSystem, externalId: string): Promise<Customer> {
    return this.one(`${SELECT} WHERE ${EXTERNAL_ID_FIELD[system]} = ${quote(externalId)}`);
  }

  /** Upsert by an external-id field: idempotent, so a retried request never duplicates. */
  async upsert(field: string, value: string, input: CustomerInput): Promise<UpsertOutcome> {
    const record = { ...toContactFields(input), [field]: value };
    try {
      const result = await this.guarded(() => withLockRetry(() => this.conn().sobject('Contact').upsert(record, field)));
      const { id, created } = result as unknown as { id: string; created: boolean };
      return { id, created, customer: await this.getById(id) };
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Updates the contact with this id (404 when there is none), stamping the golden key
   * when given. Only the fields sent change; sending the same values again is harmless.
   *
   * With `expectedVersion` (the caller's If-Match) a contact saved since the caller read
   * it is refused with 412 and left as it is. Two checks: the version read here (any save
   * before this read, even within the same second), then the org's own atomic
   * If-Unmodified-Since on the write (any save in a later second, up to the write). Only
   * a save landing between the two, within the second of the caller's version, passes.
   */
  async update(id: string, input: CustomerInput, customerKey?: string, expectedVersion?: string): Promise<UpsertOutcome> {
    const existing = await this.getById(id);
    await this.writeOver(existing, input, customerKey, expectedVersion);
    return { id: existing.id, created: false, customer: await this.getById(existing.id) };
  }

  /**
   * The write of an update, onto the contact as it was just read (`existing`): the
   * version check, then the fields and golden key with the org's If-Unmodified-Since.
   * A batch reads every contact in one query and then writes each through here.
   */
  async writeOver(existing: Customer, input: CustomerInput, customerKey?: string, expectedVersion?: string): Promise<void> {
    if (expectedVersion !== undefined && existing.version !== expectedVersion) {
      throw new PreconditionFailedError(`Contact ${existing.id} is at version ${existing.version}, not ${expectedVersion}: read its change first`);
    }
    const fields = { ...toContactFields(input), ...(customerKey === undefined ? {} : { Customer_Key__c: customerKey }) };
    const write = (): Promise<unknown> =>
      expectedVersion === undefined ? this.conn().sobject('Contact').update({ Id: existing.id, ...fields }) : updateIfUnmodified(this.conn(), 'Contact', existing.id, fields, expectedVersion);
    try {
      await this.guarded(() => withLockRetry(write));
    } catch (error) {
      this.fail(error);
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.guarded(() => withLockRetry(() => this.conn().sobject('Contact').destroy(id)));
    } catch (error) {
      this.fail(error);
    }
  }

  /** Live contacts by id (either form of it), one query for many: the change feed's current state, a batch update's before and after. */
  async byIds(ids: string[]): Promise<ContactsById> {
    if (ids.length === 0) return new ContactsById();
    const records = await this.query(`${SELECT} WHERE Id IN (${ids.map(quote).join(', ')})`, true);
    return new ContactsById(records.filter((r) => !r['IsDeleted']).map(toCustomer));
  }

  private async one(soql: string): Promise<Customer> {
    const [record] = await this.query(`${soql} LIMIT 1`);
    if (!record) throw new NotFoundError('No such customer in Salesforce');
    return toCustomer(record);
  }

  private async query(soql: string, includeDeleted = false): Promise<ContactRecord[]> {
    try {
      const result = await this.guarded<{ records: ContactRecord[] }>(async () => await this.conn().query<ContactRecord>(soql, { autoFetch: true, maxFetch: 10_000, scanAll: includeDeleted }));
      this.limits?.observe(this.conn());
      return result.records;
    } catch (error) {
      this.fail(error);
    }
  }
}

function searchFilter(q: string): string {
  const like = quote(`%${q.replace(/[%_]/g, '')}%`);
  return `(LastName LIKE ${like} OR FirstName LIKE ${like} OR Email LIKE ${like} OR Phone LIKE ${like})`;
}
