import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Breaker state as the gauge reports it. */
export type BreakerState = 'closed' | 'half-open' | 'open';

/** Gauge values: dashboards alert on `strata_breaker_state == 2`. */
export const BREAKER_STATE_VALUE: Readonly<Record<BreakerState, number>> = { closed: 0, 'half-open': 1, open: 2 };

/** Every value of the `event` label of `strata_breaker_events_total`. */
export const BREAKER_EVENTS = [
  'success',
  'failure',
  'timeout',
  'reject',
  'open',
  'halfOpen',
  'close',
  'retry',
  'bulkheadFull',
  'budgetExhausted',
  'deadlineExceeded',
] as const;

/** One counted breaker or client event. */
export type BreakerEvent = (typeof BREAKER_EVENTS)[number];

/** Metric names, exported so dashboards and tests do not retype them. */
export const METRIC_NAMES = {
  state: 'strata_breaker_state',
  events: 'strata_breaker_events_total',
  duration: 'strata_upstream_request_duration_seconds',
} as const;

/** What the client records; one instance per client, bound to its upstream label. */
export interface ClientMetrics {
  setState(state: BreakerState): void;
  count(event: BreakerEvent): void;
  /** One attempt that reached the network; `status` is the HTTP status or the failure kind. */
  observe(method: string, status: string, seconds: number): void;
}

/**
 * Several clients (one per upstream) usually share the app's registry, and prom-client
 * throws when a name is registered twice: reuse what is there, and fail loudly only if
 * the name is taken by a metric of another type.
 */
function reuse<T>(registry: Registry, name: string, type: abstract new (...args: never[]) => T, create: () => T): T {
  const existing = registry.getSingleMetric(name);
  if (existing === undefined) return create();
  if (!(existing instanceof type)) throw new Error(`metric ${name} is already registered with another type`);
  return existing;
}

/** Registers (or reuses) the three client metrics on `registry` and binds them to `upstream`. */
export function createClientMetrics(registry: Registry, upstream: string): ClientMetrics {
  const registers = [registry];
  const state = reuse(registry, METRIC_NAMES.state, Gauge, () => new Gauge({
    name: METRIC_NAMES.state,
    help: 'Circuit breaker state per upstream: 0 closed, 1 half-open, 2 open.',
    labelNames: ['upstream'],
    registers,
  }));
  const events = reuse(registry, METRIC_NAMES.events, Counter, () => new Counter({
    name: METRIC_NAMES.events,
    help: 'Circuit breaker and client events per upstream.',
    labelNames: ['upstream', 'event'],
    registers,
  }));
  const duration = reuse(registry, METRIC_NAMES.duration, Histogram, () => new Histogram({
    name: METRIC_NAMES.duration,
    help: 'Duration of each attempt that reached the network, by upstream, method and status.',
    labelNames: ['upstream', 'method', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  }));
  const counters = new Map(BREAKER_EVENTS.map((event) => [event, events.labels(upstream, event)]));
  state.labels(upstream).set(0);
  return {
    setState: (value) => state.labels(upstream).set(BREAKER_STATE_VALUE[value]),
    count: (event) => counters.get(event)?.inc(),
    observe: (method, status, seconds) => duration.observe({ upstream, method, status }, seconds),
  };
}

/** Records nothing: the metrics of a client built with `breakerAndMetrics: false` (benchmarks only). */
export const NO_CLIENT_METRICS: ClientMetrics = {
  setState: () => undefined,
  count: () => undefined,
  observe: () => undefined,
};
