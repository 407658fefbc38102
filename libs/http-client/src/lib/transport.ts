import http from 'node:http';
import https from 'node:https';
import axios from 'axios';
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios';
import type { AttemptSignal } from './attempt-signal';
import type { ClientTransport } from './client-options';
import { createUndiciAdapter, type AbortSignalLike, type DirectRequest, type UndiciAdapter } from './undici.adapter';

/** One attempt as the client describes it: axios config with lower-case header names. */
export type AttemptConfig = AxiosRequestConfig & { method: string; url: string; headers: Record<string, string> };

/** What an attempt got back, whatever the status. */
export interface RawAnswer {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  data: unknown;
}

/** The axios instance a client sends through, and how to release its sockets. */
export interface Transport {
  axios: AxiosInstance;
  /** Sends one attempt and resolves with any status; transport failures reject with axios errors. */
  send(config: AttemptConfig, signal: AttemptSignal): Promise<RawAnswer>;
  /**
   * Routes every later call through axios's full pipeline. The client calls it the
   * first time anyone reaches for its axios instance, since only then can an
   * interceptor or a changed default exist.
   */
  useAxiosPipeline(): void;
  destroy(): Promise<void>;
}

/** Settings both transports share. */
export interface TransportOptions {
  baseUrl: string;
  kind: ClientTransport;
  maxSockets?: number;
}

/** axios's default `Accept`, sent on the direct path too so upstreams see the same request. */
const AXIOS_ACCEPT = 'application/json, text/plain, */*';
const WRITES = new Set(['POST', 'PUT', 'PATCH']);
const UNSAFE_VALUE = /[\r\n]/;

function plainHeaders(headers: AxiosResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

const isJsonPayload = (data: unknown) =>
  Array.isArray(data) || (typeof data === 'object' && data !== null && [Object.prototype, null].includes(Object.getPrototypeOf(data)));

/**
 * The request axios would hand the undici adapter for this attempt, built without
 * axios: its default `Accept`, a JSON body with `content-type: application/json`, and
 * axios's form content type on a body-less write. Anything else (a string or Buffer
 * body, a caller's own content type, a header value axios would rewrite) returns
 * undefined and goes through axios, so the two paths cannot disagree.
 */
function directRequest(config: AttemptConfig, basePath: string, signal: AbortSignalLike): DirectRequest | undefined {
  const headers: Record<string, string> = { accept: AXIOS_ACCEPT };
  for (const name in config.headers) {
    const value = config.headers[name] as string;
    if (UNSAFE_VALUE.test(value)) return undefined;
    headers[name] = value;
  }
  const method = config.method.toUpperCase();
  const path = `${basePath}/${config.url.replace(/^\/+/, '')}`;
  if (config.data === undefined) {
    if (WRITES.has(method) && !('content-type' in headers)) headers['content-type'] = 'application/x-www-form-urlencoded';
    return { method, path, headers, signal };
  }
  if ('content-type' in headers || !isJsonPayload(config.data)) return undefined;
  headers['content-type'] = 'application/json';
  return { method, path, headers, body: JSON.stringify(config.data), signal };
}

function viaAxios(instance: AxiosInstance) {
  return async (config: AttemptConfig, signal: AttemptSignal): Promise<RawAnswer> => {
    const answer = await instance.request({ ...config, signal, validateStatus: null });
    return { status: answer.status, headers: plainHeaders(answer.headers), data: answer.data };
  };
}

function undiciTransport(options: TransportOptions, common: AxiosRequestConfig): Transport {
  const undici: UndiciAdapter = createUndiciAdapter(options.baseUrl, { connections: options.maxSockets });
  const instance = axios.create({ ...common, adapter: undici.adapter });
  const throughAxios = viaAxios(instance);
  const basePath = new URL(options.baseUrl).pathname.replace(/\/+$/, '');
  let pipeline = false;
  return {
    axios: instance,
    send: (config, signal) => {
      const direct = pipeline ? undefined : directRequest(config, basePath, signal);
      return direct ? undici.direct(direct) : throughAxios(config, signal);
    },
    useAxiosPipeline: () => {
      pipeline = true;
    },
    destroy: undici.destroy,
  };
}

/**
 * Builds the keep-alive axios instance for one upstream. Redirects are never followed
 * (`maxRedirects: 0`): a service-to-service call that is redirected is a configuration
 * error, and following it would send the service token to wherever the redirect points.
 * For the same reason `allowAbsoluteUrls` is off: every URL is resolved under `baseUrl`.
 *
 * Over undici, calls skip axios's pipeline and go straight to the pool until someone
 * takes the axios instance (for an interceptor): the bench showed the pipeline costs
 * more CPU than the request, and until then nothing could tell the difference.
 */
export function createTransport(options: TransportOptions): Transport {
  const common = { baseURL: options.baseUrl, maxRedirects: 0, allowAbsoluteUrls: false };
  if (options.kind === 'undici') return undiciTransport(options, common);
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? Infinity };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const instance = axios.create({ ...common, adapter: 'http', httpAgent, httpsAgent });
  return {
    axios: instance,
    send: viaAxios(instance),
    useAxiosPipeline: () => undefined,
    destroy: async () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
