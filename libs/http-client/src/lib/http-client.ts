import { createLogger, CORRELATION_HEADER, currentContext, DEADLINE_HEADER, type RequestContext } from '@strata/logging';
import type { AxiosInstance } from 'axios';
import { Registry } from 'prom-client';
import { createBreaker, isBreakerRejection, type BreakerSnapshot } from './breaker';
import { createClientMetrics, NO_CLIENT_METRICS } from './client-metrics';
import { attemptTimeoutMs } from './deadline-budget';
import { resolveOptions, type HttpClientOptions, type ResolvedOptions } from './client-options';
import { AttemptFailure, classifyError, toPublicError } from './error-mapping';
import { createPassThroughBreaker } from './pass-through-breaker';
import { isRepeatable, retryDelay, RetryBudget } from './retry-policy';
import { sendAttempt, type AttemptPlan, type HttpResponse } from './send-attempt';
import { createTransport } from './transport';
import { buildQueryString, type Query } from './url-builder';

/** One low-level call: a path under the client's baseUrl and everything to send with it. */
export interface HttpRequest {
  method: string;
  /** Path under `baseUrl`, already filled in (`/v1/customers/C-1`). */
  path: string;
  query?: Query;
  headers?: Readonly<Record<string, string | undefined>>;
  /** Sent as JSON (objects) or as is (strings, Buffers). */
  body?: unknown;
  /** The operation is safe to repeat (an upsert by key): retried like a GET. */
  idempotent?: boolean;
  /** Deadline of each attempt; defaults to the client's `timeoutMs`. Cut shorter inside a request whose caller's deadline is nearer. */
  timeoutMs?: number;
  /** Statuses that are results rather than errors; default 2xx. */
  acceptStatus?: (status: number) => boolean;
}

/** The one way a Strata app calls one upstream; see {@link createHttpClient}. */
export interface HttpClient {
  readonly name: string;
  readonly baseUrl: string;
  /** The options in force, defaults applied. */
  readonly options: ResolvedOptions;
  /** Whether typed clients built on this client check responses against the contract. */
  readonly validateResponses: boolean;
  /**
   * The axios instance underneath, for interceptors. Taking it routes every later call
   * through axios's full pipeline (until then undici calls skip it; see `transport.ts`).
   * Calls made on it directly bypass breaker and retries.
   */
  readonly axios: AxiosInstance;
  /** Where this client's metrics are registered (the given one, or its own). */
  readonly registry: Registry;
  /** The breaker's current snapshot (same as `snapshot()`). */
  readonly breaker: BreakerSnapshot;
  snapshot(): BreakerSnapshot;
  /** Sends a call through bulkhead, breaker, retries and error mapping. */
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
  /** Releases the breaker's timers and every socket; safe to call twice. Calls after it fail with `breaker-open`. */
  shutdown(): Promise<void>;
}

const is2xx = (status: number) => status >= 200 && status < 300;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Creates the client for ONE upstream: a keep-alive axios instance behind a bulkhead,
 * one circuit breaker, per-attempt socket-aborting timeouts, budgeted jittered retries
 * for repeatable requests, correlation-id, deadline and service-token propagation
 * (every attempt fits inside what is left of the caller's deadline), metrics, and
 * a mapping of every failure to `UpstreamUnavailableError` or `UpstreamError`. It exists
 * so that no app hand-rolls these and gets one of them wrong during an outage.
 */
export function createHttpClient(input: HttpClientOptions): HttpClient {
  const options = resolveOptions(input);
  const logger = input.logger ?? createLogger({ service: 'http-client' });
  const registry = input.registry ?? new Registry();
  const metrics = options.breakerAndMetrics ? createClientMetrics(registry, options.name) : NO_CLIENT_METRICS;
  const breaker = options.breakerAndMetrics ? createBreaker(options, { logger, metrics }) : createPassThroughBreaker(options.name);
  const transport = createTransport({ baseUrl: options.baseUrl, kind: options.transport, maxSockets: options.maxSockets });
  const budget = new RetryBudget(options.retry.budgetRatio, options.retry.budgetMinRetries);
  const mapping = { upstream: options.name, breakerRetryAfterSeconds: breaker.retryAfterSeconds };
  const deps = { send: transport.send, breaker, metrics };
  let inFlight = 0;
  let shutdown: Promise<void> | undefined;

  const fail = (failure: AttemptFailure) => toPublicError(failure, mapping);
  const toFailure = (error: unknown, timeoutMs: number) =>
    isBreakerRejection(error) ? new AttemptFailure('breaker-open', 'breaker open') : classifyError(error, false, timeoutMs);

  /** The failure of a call that was not worth starting: the request being served has no time left for it. */
  const noTimeLeft = () => {
    metrics.count('deadlineExceeded');
    return fail(new AttemptFailure('timeout', "not called: the caller's deadline leaves no time for it"));
  };

  async function outgoingHeaders(given: HttpRequest['headers'], context: RequestContext | undefined): Promise<Record<string, string>> {
    const headers: Record<string, string> = {};
    if (context) headers[CORRELATION_HEADER] = context.correlationId;
    const token = options.getServiceToken ? await options.getServiceToken() : undefined;
    if (token) headers['authorization'] = `Bearer ${token}`;
    for (const [name, value] of Object.entries(given ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
    return headers;
  }

  /** Sends one attempt with its own deadline, which the upstream also learns from the deadline header. */
  function attempt<T>(plan: AttemptPlan, timeoutMs: number): Promise<HttpResponse<T>> {
    plan.config.headers[DEADLINE_HEADER] = String(timeoutMs);
    const thisAttempt = timeoutMs === plan.timeoutMs ? plan : { ...plan, timeoutMs };
    return breaker.fire(() => sendAttempt<T>(thisAttempt, deps));
  }

  async function withRetries<T>(plan: AttemptPlan, repeatable: boolean, deadlineAt: number | undefined): Promise<HttpResponse<T>> {
    const timeLeft = (startsInMs?: number) => attemptTimeoutMs(plan.timeoutMs, deadlineAt, options.deadlineMarginMs, startsInMs);
    let timeoutMs = timeLeft();
    if (timeoutMs === undefined) throw noTimeLeft();
    const started = Date.now();
    budget.recordRequest(started);
    for (let retries = 0; ; retries++) {
      let failure: AttemptFailure;
      try {
        return await attempt<T>(plan, timeoutMs);
      } catch (error) {
        failure = toFailure(error, timeoutMs);
      }
      const state = { method: plan.config.method, repeatable, retries, elapsedMs: Date.now() - started };
      const delay = failure.kind === 'breaker-open' ? undefined : retryDelay(failure, state, options.retry);
      // Never retry into an open breaker, and never beyond the upstream's retry budget.
      if (delay === undefined || !breaker.admits()) throw fail(failure);
      // Nor past the caller's deadline: a retry that cannot finish in time is load for nothing.
      if (timeLeft(delay) === undefined) {
        metrics.count('deadlineExceeded');
        throw fail(failure);
      }
      if (!budget.tryWithdraw()) {
        metrics.count('budgetExhausted');
        throw fail(failure);
      }
      metrics.count('retry');
      await sleep(delay);
      timeoutMs = timeLeft();
      if (timeoutMs === undefined) throw fail(failure);
    }
  }

  async function request<T>(call: HttpRequest): Promise<HttpResponse<T>> {
    // Only paths: an absolute URL here would send this upstream's token somewhere else.
    if (!call.path.startsWith('/')) throw new TypeError(`${options.name}: request path must start with "/", got "${call.path}"`);
    if (!breaker.admits()) {
      // Let opossum reject it, so its stats and the `reject` metric count it; nothing is sent.
      await breaker.fire(() => Promise.resolve()).catch((error: unknown) => {
        throw fail(toFailure(error, 0));
      });
    }
    if (options.maxConcurrent !== undefined && inFlight >= options.maxConcurrent) {
      metrics.count('bulkheadFull');
      throw fail(new AttemptFailure('bulkhead-full', 'bulkhead full'));
    }
    inFlight += 1;
    try {
      const method = call.method.toUpperCase();
      const context = currentContext();
      const headers = await outgoingHeaders(call.headers, context);
      const plan: AttemptPlan = {
        config: { method, url: call.path + buildQueryString(call.query), headers, ...(call.body === undefined ? {} : { data: call.body }) },
        timeoutMs: call.timeoutMs ?? options.timeoutMs,
        accept: call.acceptStatus ?? is2xx,
      };
      return await withRetries<T>(plan, isRepeatable(method, headers, call.idempotent), context?.deadlineAt);
    } finally {
      inFlight -= 1;
    }
  }

  return {
    name: options.name,
    baseUrl: options.baseUrl,
    options,
    validateResponses: options.validateResponses,
    get axios() {
      transport.useAxiosPipeline();
      return transport.axios;
    },
    registry,
    get breaker() {
      return breaker.snapshot();
    },
    snapshot: () => breaker.snapshot(),
    request,
    shutdown: () => {
      shutdown ??= (async () => {
        breaker.shutdown();
        await transport.destroy();
      })();
      return shutdown;
    },
  };
}
