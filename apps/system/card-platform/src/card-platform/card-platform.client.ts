import { markOf } from '@strata/change-feed';
import { backendTimeoutMs } from '@strata/http-client';
import * as soap from 'soap';
import { UPSTREAM, type CardPlatformBreaker } from './card-platform.breaker';
import { toStrataError } from './card-platform.errors';

/** A cardholder as the SOAP client parsed it: untrusted until the mapper has read it. */
export type RawCardholder = Record<string, unknown>;

/** The platform's cardholder fields, as UpsertCardholder takes them (absent = empty). */
export type CardholderFields = Record<string, string>;

export interface CardPlatformClientOptions {
  /** The platform's base URL (`CARD_PLATFORM_URL`); the service is at `/cardholders/v1`. */
  baseUrl: string;
  breaker: CardPlatformBreaker;
}

type SoapMethod = (args: object, options?: object) => Promise<[Record<string, unknown> | null, ...unknown[]]>;

/** How many of its latest writes per cardholder the client recognises as its own. */
const OWN_WRITES_KEPT_PER_RECORD = 4;

const asList = (value: unknown): RawCardholder[] => (value == null ? [] : ((Array.isArray(value) ? value : [value]) as RawCardholder[]));

/**
 * The card platform's four SOAP operations behind plain async methods. The WSDL is
 * fetched on first use (and again after a failure), so the API starts while the
 * platform is down; every call goes through the breaker and leaves as the error family.
 */
export class CardPlatformClient {
  /** Marks of the latest records this client wrote, newest last, by cardholder id (see `isOwnWrite`). */
  private readonly written = new Map<string, string[]>();

  private client: Promise<soap.Client> | undefined;

  constructor(private readonly options: CardPlatformClientOptions) {}

  async get(id: string): Promise<RawCardholder> {
    const result = await this.call('GetCardholder', { CardholderId: id });
    return (result['Cardholder'] ?? {}) as RawCardholder;
  }

  async search(criteria: { CustomerRef?: string; EmailAddress?: string; FamilyName?: string }): Promise<RawCardholder[]> {
    return asList((await this.call('SearchCardholders', criteria))['Cardholder']);
  }

  /** One keyset page in id order; `nextStartAfter` is absent on the last page. */
  async list(pageSize: number, startAfter?: string): Promise<{ records: RawCardholder[]; nextStartAfter?: string }> {
    const result = await this.call('ListCardholders', { PageSize: pageSize, ...(startAfter ? { StartAfter: startAfter } : {}) });
    const next = result['NextStartAfter'];
    return { records: asList(result['Cardholder']), ...(typeof next === 'string' && next ? { nextStartAfter: next } : {}) };
  }

  async upsert(fields: CardholderFields): Promise<{ created: boolean; record: RawCardholder }> {
    const result = await this.call('UpsertCardholder', { Cardholder: fields });
    const record = (result['Cardholder'] ?? {}) as RawCardholder;
    if (typeof record['CardholderId'] === 'string') this.rememberWrite(record['CardholderId'], markOf(record));
    return { created: result['Created'] === true || result['Created'] === 'true', record };
  }

  /**
   * Whether this raw record is exactly one of the last few this client wrote for its id.
   * The platform records no writer, so this is how the change feed recognises the API's
   * own writes (`origin.self`) and a Process API its echoes. Not only the last one: a
   * snapshot page read just before our second write to a record reports our first
   * write after the second was made, and as someone else's change that stale state
   * (stamped with the time it was seen, the platform keeps none) would win as the most
   * recent. Kept in memory: after a restart an own write that is still unseen is
   * reported as someone else's.
   */
  isOwnWrite(id: string, raw: RawCardholder): boolean {
    return this.written.get(id)?.includes(markOf(raw)) ?? false;
  }

  private rememberWrite(id: string, mark: string): void {
    const marks = [...(this.written.get(id) ?? []).filter((m) => m !== mark), mark];
    this.written.set(id, marks.slice(-OWN_WRITES_KEPT_PER_RECORD));
  }

  private async call(operation: string, args: object): Promise<Record<string, unknown>> {
    try {
      // Cut to the caller's deadline: past it nobody waits for the answer, and the socket is freed.
      const timeout = backendTimeoutMs(this.options.breaker.timeoutMs, UPSTREAM);
      return await this.options.breaker.run(async () => {
        const client = await this.soapClient();
        const method = (client as unknown as Record<string, SoapMethod>)[`${operation}Async`];
        const [result] = await method.call(client, args, { timeout });
        return result ?? {};
      });
    } catch (error) {
      throw toStrataError(error, operation);
    }
  }

  private soapClient(): Promise<soap.Client> {
    const base = this.options.baseUrl.replace(/\/$/, '');
    this.client ??= soap
      .createClientAsync(`${base}/cardholders/v1?wsdl`, { endpoint: `${base}/cardholders/v1`, wsdl_options: { timeout: this.options.breaker.timeoutMs } })
      .catch((error: unknown) => {
        this.client = undefined;
        throw error;
      });
    return this.client;
  }
}
