import type { Logger } from '@strata/logging';
import type { Registry } from 'prom-client';
import { DEFAULT_DEADLINE_MARGIN_MS } from './deadline-budget';

/**
 * Which socket layer carries the requests. Both keep axios's API, interceptors and
 * error shapes; `undici` is the default because it measured faster (see README and
 * `npm run bench:client`), `axios-http` is the stock axios Node adapter over a
 * keep-alive `http.Agent`, kept for anything that depends on Node's http module.
 */
export type ClientTransport = 'undici' | 'axios-http';

/** How a call is retried; every field is optional and falls back to {@link DEFAULT_RETRY}. */
export interface RetryOptions {
  /** Extra attempts after the first. Default 2: a third failure is an outage, not a blip. */
  maxRetries?: number;
  /** First backoff step. Default 100 ms: long enough for a restarted pod's socket to be gone. */
  baseDelayMs?: number;
  /** Largest single backoff. Default 1000 ms, so a retry never waits longer than a user would. */
  maxDelayMs?: number;
  /**
   * No retry *starts* later than this after the call began (the attempt then has its
   * own `timeoutMs`). Default 3000 ms. A 429's Retry-After beyond it means no retry.
   */
  maxTotalMs?: number;
  /**
   * Retries may be at most this share of the requests of the last 10 s, per upstream.
   * Default 0.2: during an outage callers add at most 20% load instead of multiplying it.
   */
  budgetRatio?: number;
  /** Retries always allowed per 10 s whatever the traffic, so a quiet client can still retry. Default 5. */
  budgetMinRetries?: number;
}

/** Options of {@link createHttpClient}; one client serves exactly one upstream. */
export interface HttpClientOptions {
  /** Upstream name: breaker name, metrics label, log field and error `upstream`. */
  name: string;
  /** Origin plus optional path prefix (`http://core-banking:8282`). */
  baseUrl: string;
  /**
   * Per-attempt deadline; the socket is aborted when it passes, and the upstream is told
   * it (`x-request-deadline-ms`) so it can stop in time too. Default 2000 ms: well
   * above an internal API's p99 and short enough that a hanging upstream opens the
   * breaker within 3 s.
   */
  timeoutMs?: number;
  /**
   * Inside a request that carries its caller's deadline (`x-request-deadline-ms`, read
   * by service-kit), each attempt's deadline is cut to what is left of it minus this
   * margin, and no retry starts that would not fit. Default 100 ms: time for this
   * service to answer its caller (a problem+json, one GC pause or a busy event loop on
   * a small host) before the caller's own deadline passes. Each hop spends it once.
   */
  deadlineMarginMs?: number;
  /** Failure share of the rolling window that opens the breaker. Default 50 (%). */
  errorThresholdPercentage?: number;
  /** Calls needed in the window before the percentage counts. Default 10, so two early errors do not open it. */
  volumeThreshold?: number;
  /** Length of the breaker's statistics window. Default 10000 ms (10 buckets of 1 s). */
  rollingWindowMs?: number;
  /** Time open before one probe is let through. Default 5000 ms: quick recovery, one probe is cheap. */
  resetTimeoutMs?: number;
  /** Consecutive failures (5xx, timeout, connection) that open the breaker regardless of volume. Default 5. */
  consecutiveFailuresToOpen?: number;
  /**
   * Consecutive timeouts that open the breaker. Default 3: a hanging upstream costs
   * callers a full timeout each, so it is cut off sooner than one that fails fast.
   */
  consecutiveTimeoutsToOpen?: number;
  /** Concurrent calls allowed; beyond it calls fail at once with reason `bulkhead-full`. Default: unlimited. */
  maxConcurrent?: number;
  /** Retry policy; see {@link RetryOptions}. `false` disables retries. */
  retry?: RetryOptions | false;
  /** Where breaker transitions are logged. Default: a `createLogger({ service: 'http-client' })` logger. */
  logger?: Logger;
  /** Registry the metrics go to. Default: a new Registry, exposed as `client.registry`. */
  registry?: Registry;
  /** Service token, sent as `authorization: Bearer <token>`; called once per call (cache inside). */
  getServiceToken?: () => string | undefined | Promise<string | undefined>;
  /** Validate responses against the contract in typed clients. Default: `NODE_ENV !== 'production'`. */
  validateResponses?: boolean;
  /** Socket layer; default `'undici'` (faster by the bench). */
  transport?: ClientTransport;
  /** Most sockets kept open to the upstream. Default: unlimited (bounded by `maxConcurrent`). */
  maxSockets?: number;
  /**
   * Benchmarks only. `false` sends every call without the circuit breaker and without
   * metrics (retries, timeouts and error mapping stay), so `npm run bench:chain` can
   * show what the two cost. Never turn it off in an app: an upstream outage would then
   * cost every caller a full timeout. Default true.
   */
  breakerAndMetrics?: boolean;
}

/** Retry settings after defaults; `maxRetries: 0` when retries are off. */
export type ResolvedRetry = Required<RetryOptions>;

/** Options after defaults are applied: what the client actually runs with. */
export type ResolvedOptions = Required<Omit<HttpClientOptions, 'maxConcurrent' | 'logger' | 'registry' | 'getServiceToken' | 'retry' | 'maxSockets'>> &
  Pick<HttpClientOptions, 'maxConcurrent' | 'getServiceToken' | 'maxSockets'> & { retry: ResolvedRetry };

/** Retry defaults; see {@link RetryOptions} for why each value. */
export const DEFAULT_RETRY: ResolvedRetry = {
  maxRetries: 2,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  maxTotalMs: 3000,
  budgetRatio: 0.2,
  budgetMinRetries: 5,
};

/** Client defaults; see {@link HttpClientOptions} for why each value. */
export const DEFAULT_OPTIONS = {
  timeoutMs: 2000,
  deadlineMarginMs: DEFAULT_DEADLINE_MARGIN_MS,
  errorThresholdPercentage: 50,
  volumeThreshold: 10,
  rollingWindowMs: 10_000,
  resetTimeoutMs: 5000,
  consecutiveFailuresToOpen: 5,
  consecutiveTimeoutsToOpen: 3,
  transport: 'undici' as ClientTransport,
} as const;

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`http-client: ${name} must be a positive number, got ${value}`);
  return value;
}

function notNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new Error(`http-client: ${name} must be 0 or more, got ${value}`);
  return value;
}

/** Applies defaults and rejects nonsense at start-up rather than at the first call. */
export function resolveOptions(options: HttpClientOptions): ResolvedOptions {
  if (!options.name) throw new Error('http-client: name is required');
  const url = new URL(options.baseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`http-client ${options.name}: baseUrl must be http(s)`);
  const retry: ResolvedRetry = options.retry === false ? { ...DEFAULT_RETRY, maxRetries: 0 } : { ...DEFAULT_RETRY, ...options.retry };
  const resolved: ResolvedOptions = {
    name: options.name,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    timeoutMs: positive('timeoutMs', options.timeoutMs ?? DEFAULT_OPTIONS.timeoutMs),
    deadlineMarginMs: notNegative('deadlineMarginMs', options.deadlineMarginMs ?? DEFAULT_OPTIONS.deadlineMarginMs),
    errorThresholdPercentage: options.errorThresholdPercentage ?? DEFAULT_OPTIONS.errorThresholdPercentage,
    volumeThreshold: options.volumeThreshold ?? DEFAULT_OPTIONS.volumeThreshold,
    rollingWindowMs: positive('rollingWindowMs', options.rollingWindowMs ?? DEFAULT_OPTIONS.rollingWindowMs),
    resetTimeoutMs: positive('resetTimeoutMs', options.resetTimeoutMs ?? DEFAULT_OPTIONS.resetTimeoutMs),
    consecutiveFailuresToOpen: positive('consecutiveFailuresToOpen', options.consecutiveFailuresToOpen ?? DEFAULT_OPTIONS.consecutiveFailuresToOpen),
    consecutiveTimeoutsToOpen: positive('consecutiveTimeoutsToOpen', options.consecutiveTimeoutsToOpen ?? DEFAULT_OPTIONS.consecutiveTimeoutsToOpen),
    maxConcurrent: options.maxConcurrent === undefined ? undefined : positive('maxConcurrent', options.maxConcurrent),
    retry,
    getServiceToken: options.getServiceToken,
    validateResponses: options.validateResponses ?? process.env['NODE_ENV'] !== 'production',
    transport: options.transport ?? DEFAULT_OPTIONS.transport,
    maxSockets: options.maxSockets,
    breakerAndMetrics: options.breakerAndMetrics ?? true,
  };
  return resolved;
}
