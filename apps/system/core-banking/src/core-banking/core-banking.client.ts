import { ConflictError, NotFoundError, PreconditionFailedError, UpstreamError } from '@strata/errors';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '@strata/http-client';
import type { BankPartyBody } from './bank-party.schema';

/** The bank's error body: `{ errorCode: 'CB-404', errorText }`. */
interface BankErrorBody {
  errorCode?: string;
  errorText?: string;
}

/** One page of the bank's `modifiedSince` listing; parties unchecked (they may be malformed). */
export interface BankPartyPage {
  parties: unknown[];
  hasMore: boolean;
}

/** A party read with the ETag the bank's `If-Match` needs. */
export interface TaggedParty {
  raw: unknown;
  etag: string;
}

export type CoreBankingClientOptions = Omit<HttpClientOptions, 'name' | 'baseUrl'>;

/**
 * The bank's party API behind one breaker (`core-banking`): down, hanging or 5xx answers
 * become `UpstreamUnavailableError` (503/504 with Retry-After) and count towards opening
 * it; the bank's own errors (`CB-404`, `CB-409`, `CB-412`) become the Strata error
 * family, so no caller ever sees the bank's error format.
 */
export class CoreBankingClient {
  readonly http: HttpClient;

  constructor(baseUrl: string, options: CoreBankingClientOptions = {}) {
    this.http = createHttpClient({ ...options, name: 'core-banking', baseUrl });
  }

  async listParties(query: { modifiedSince?: string; page: number; pageSize: number }): Promise<BankPartyPage> {
    const res = await this.call(() => this.http.request<BankPartyPage>({ method: 'GET', path: '/parties', query }));
    return { parties: res.body.parties ?? [], hasMore: res.body.hasMore === true };
  }

  async findByExternalRef(scheme: string, value: string): Promise<unknown[]> {
    const res = await this.call(() => this.http.request<BankPartyPage>({ method: 'GET', path: '/parties', query: { externalRef: `${scheme}:${value}` } }));
    return res.body.parties ?? [];
  }

  async getParty(partyId: string): Promise<TaggedParty> {
    const res = await this.call(() => this.http.request({ method: 'GET', path: `/parties/${encodeURIComponent(partyId)}` }));
    return { raw: res.body, etag: res.headers['etag'] ?? '' };
  }

  /** Not retried: a create that timed out may have happened (the upsert re-reads instead). */
  async createParty(body: BankPartyBody): Promise<TaggedParty> {
    const res = await this.call(() => this.http.request({ method: 'POST', path: '/parties', body }));
    return { raw: res.body, etag: res.headers['etag'] ?? '' };
  }

  /** Safe to retry: `If-Match` makes a repeated replace fail with 412 instead of applying twice. */
  async replaceParty(partyId: string, body: BankPartyBody, etag: string): Promise<TaggedParty> {
    const res = await this.call(() =>
      this.http.request({ method: 'PUT', path: `/parties/${encodeURIComponent(partyId)}`, body, headers: { 'if-match': etag }, idempotent: true }),
    );
    return { raw: res.body, etag: res.headers['etag'] ?? '' };
  }

  shutdown(): Promise<void> {
    return this.http.shutdown();
  }

  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw error instanceof UpstreamError ? fromBankError(error) : error;
    }
  }
}

/** The bank's 4xx answers as Strata errors; the bank's text is kept, it names the field or record. */
function fromBankError(error: UpstreamError): Error {
  const body = (error.upstreamBody ?? {}) as BankErrorBody;
  const text = `core banking: ${body.errorCode ?? error.upstreamStatus} ${body.errorText ?? ''}`.trim();
  switch (error.upstreamStatus) {
    case 404:
      return new NotFoundError(text, { cause: error });
    case 409:
      return new ConflictError(text, { cause: error });
    case 412:
      return new PreconditionFailedError(text, { cause: error });
    default:
      return new UpstreamError(text, { upstream: 'core-banking', status: error.upstreamStatus, cause: error, body: { detail: text } });
  }
}
