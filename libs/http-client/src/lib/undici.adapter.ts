import { STATUS_CODES } from 'node:http';
import { Readable } from 'node:stream';
import axios, { AxiosError, AxiosHeaders, CanceledError } from 'axios';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig, RawAxiosHeaders } from 'axios';
import { Pool } from 'undici';

/** A request for {@link UndiciAdapter.direct}: everything already in wire form. */
export interface DirectRequest {
  method: string;
  /** Path on the origin, query included. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignalLike;
}

/** What {@link UndiciAdapter.direct} resolves with, whatever the status. */
export interface DirectAnswer {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The body parsed as JSON when it is JSON, else its text ('' when empty), as axios's default transform does. */
  data: unknown;
}

/** An abort signal as the http-client makes them (`AttemptSignal`): what undici reads of one. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** An axios adapter bound to one origin, with the pool it owns. */
export interface UndiciAdapter {
  adapter: AxiosAdapter;
  /**
   * Sends on the same pool without axios's request pipeline (config merging, header
   * objects, transforms), which costs more than the request itself on a small
   * machine. Failures are the same `AxiosError`s the adapter throws. The http-client
   * uses it only while nobody can have changed its axios instance; see `transport.ts`.
   */
  direct(request: DirectRequest): Promise<DirectAnswer>;
  /** Closes every socket at once (in-flight requests fail). */
  destroy(): Promise<void>;
}

/** Settings of the undici pool behind the adapter. */
export interface UndiciAdapterOptions {
  /** Most sockets to the origin; default unlimited, like Node's agent. */
  connections?: number;
}

/** Hop-by-hop headers undici manages itself and refuses from callers. */
const MANAGED_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

/** undici's socket error codes, renamed to the Node codes axios's http adapter reports. */
const CODE_ALIASES: Readonly<Record<string, string>> = {
  UND_ERR_SOCKET: 'ECONNRESET',
  UND_ERR_CLOSED: 'ECONNRESET',
  UND_ERR_CONNECT_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_HEADERS_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_BODY_TIMEOUT: 'ETIMEDOUT',
};

const ABSOLUTE = /^[a-z][a-z\d+\-.]*:\/\//i;

function fullUrl(config: InternalAxiosRequestConfig): string {
  if (config.params) return axios.getUri(config);
  const url = config.url ?? '';
  if ((ABSOLUTE.test(url) && config.allowAbsoluteUrls !== false) || !config.baseURL) return url;
  return `${config.baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

function pathOn(origin: string, url: string): string | undefined {
  if (url.startsWith(origin) && (url.length === origin.length || '/?'.includes(url.charAt(origin.length)))) {
    return url.slice(origin.length) || '/';
  }
  const parsed = new URL(url);
  return parsed.origin === origin ? parsed.pathname + parsed.search : undefined;
}

function requestHeaders(config: InternalAxiosRequestConfig): Record<string, string> {
  const headers = AxiosHeaders.from(config.headers).toJSON(true) as Record<string, string>;
  for (const name of Object.keys(headers)) if (MANAGED_HEADERS.has(name.toLowerCase())) delete headers[name];
  return headers;
}

function requestBody(data: unknown): string | Buffer | Readable | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string' || Buffer.isBuffer(data) || data instanceof Readable) return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return Buffer.from(data as ArrayBuffer);
  return String(data);
}

async function readBody(body: Readable & { text(): Promise<string>; arrayBuffer(): Promise<ArrayBuffer> }, config: InternalAxiosRequestConfig): Promise<unknown> {
  if (config.responseType === 'stream') return body;
  if (config.responseType === 'arraybuffer') return Buffer.from(await body.arrayBuffer());
  return body.text();
}

/** What axios's default `transformResponse` makes of a text body: JSON when it parses, else the text. */
function parseLikeAxios(text: string): unknown {
  if (!text) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function plainHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in raw) {
    const value = raw[name];
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function toAxiosError(error: unknown, config: InternalAxiosRequestConfig | undefined, request: object, aborted = config?.signal?.aborted): AxiosError {
  if (aborted) return new CanceledError(undefined, config, request);
  const raw = error as { code?: unknown; message?: string };
  const rawCode = typeof raw.code === 'string' ? raw.code : 'ERR_NETWORK';
  const axiosError = new AxiosError(raw.message ?? String(error), CODE_ALIASES[rawCode] ?? rawCode, config, request);
  axiosError.cause = error instanceof Error ? error : undefined;
  return axiosError;
}

/**
 * An axios adapter that sends over an undici `Pool` instead of Node's http module.
 * Everything above the adapter stays axios (interceptors, transforms, `validateStatus`,
 * `AxiosError`/`CanceledError` shapes and codes), so callers and interceptors cannot
 * tell the difference, but each request costs less: the bench shows the gain. It is
 * bound to the origin of `baseUrl`; a request for another origin is refused rather
 * than silently sent elsewhere with this upstream's credentials. Redirects are not
 * followed. `config.timeout` is honoured; `maxContentLength` and proxies are not.
 */
export function createUndiciAdapter(baseUrl: string, options: UndiciAdapterOptions = {}): UndiciAdapter {
  const origin = new URL(baseUrl).origin;
  const pool = new Pool(origin, { connections: options.connections ?? null });

  const adapter: AxiosAdapter = async (config) => {
    const method = (config.method ?? 'get').toUpperCase();
    const path = pathOn(origin, fullUrl(config));
    const request = { method, path, origin };
    if (path === undefined) {
      throw new AxiosError(`undici adapter is bound to ${origin}; refusing ${config.url}`, AxiosError.ERR_BAD_OPTION_VALUE, config, request);
    }
    const timeout = config.timeout ? AbortSignal.timeout(config.timeout) : undefined;
    const signals = [config.signal as AbortSignal | undefined, timeout].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    let response: AxiosResponse;
    try {
      const answer = await pool.request({ method, path, headers: requestHeaders(config), body: requestBody(config.data), signal });
      const data = await readBody(answer.body, config);
      response = {
        data,
        status: answer.statusCode,
        statusText: STATUS_CODES[answer.statusCode] ?? '',
        headers: new AxiosHeaders(answer.headers as RawAxiosHeaders),
        config,
        request,
      };
    } catch (error) {
      if (timeout?.aborted && !config.signal?.aborted) {
        const code = config.transitional?.clarifyTimeoutError ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED;
        throw new AxiosError(`timeout of ${config.timeout}ms exceeded`, code, config, request);
      }
      throw toAxiosError(error, config, request);
    }
    const validate = config.validateStatus;
    if (!validate || validate(response.status)) return response;
    const code = response.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST;
    throw new AxiosError(`Request failed with status code ${response.status}`, code, config, request, response);
  };

  const direct = async (call: DirectRequest): Promise<DirectAnswer> => {
    try {
      const answer = await pool.request({ method: call.method, path: call.path, headers: call.headers, body: call.body, signal: call.signal as AbortSignal });
      const text = await answer.body.text();
      return { status: answer.statusCode, headers: plainHeaders(answer.headers), data: parseLikeAxios(text) };
    } catch (error) {
      throw toAxiosError(error, undefined, { method: call.method, path: call.path, origin }, call.signal.aborted);
    }
  };

  return { adapter, direct, destroy: () => pool.destroy() };
}
