import type { Logger } from '@strata/logging';
import CircuitBreaker from 'opossum';
import type { ResolvedOptions } from './client-options';
import type { BreakerState, ClientMetrics } from './client-metrics';
import { AttemptFailure, isHealthyFailure } from './error-mapping';

/** Rolling counts of the breaker's window, for health endpoints and dashboards. */
export interface BreakerStats {
  fires: number;
  successes: number;
  failures: number;
  timeouts: number;
  rejects: number;
}

/**
 * A point-in-time view of one upstream's breaker: what `/health/ready` and the portal
 * show. `retryAfterSeconds` is set while open.
 */
export interface BreakerSnapshot {
  name: string;
  state: BreakerState;
  stats?: BreakerStats;
  retryAfterSeconds?: number;
}

/** The client's view of its breaker: opossum plus consecutive-failure tripping. */
export interface Breaker {
  /** Runs one attempt under the breaker; rejects at once (opossum `EOPENBREAKER`) while open. */
  fire<T>(attempt: () => Promise<T>): Promise<T>;
  /** False while open, or half-open with its one probe already out: a call would be rejected. */
  admits(): boolean;
  state(): BreakerState;
  /** Seconds until an open breaker lets a probe through, at least 1. */
  retryAfterSeconds(): number;
  /** Counts a timed-out attempt in the rolling stats and metrics (opossum's own timeout is off). */
  recordTimeout(failure: AttemptFailure): void;
  snapshot(): BreakerSnapshot;
  shutdown(): void;
}

type Attempt = () => Promise<unknown>;

interface BreakerDeps {
  logger: Logger;
  metrics: ClientMetrics;
}

function tripOnConsecutiveFailures(circuit: CircuitBreaker<[Attempt], unknown>, options: ResolvedOptions): void {
  let failures = 0;
  let timeouts = 0;
  const reset = () => {
    failures = 0;
    timeouts = 0;
  };
  circuit.on('success', reset);
  circuit.on('open', reset);
  circuit.on('close', reset);
  circuit.on('failure', (error: Error) => {
    failures += 1;
    if (error instanceof AttemptFailure && error.kind === 'timeout') timeouts += 1;
    if (circuit.closed && (failures >= options.consecutiveFailuresToOpen || timeouts >= options.consecutiveTimeoutsToOpen)) {
      circuit.open();
    }
  });
}

/**
 * One opossum breaker per upstream, configured so that it protects: opossum's own
 * timeout is off (the client aborts each attempt's socket itself, per attempt, which a
 * shared opossum AbortController cannot do), 4xx answers and local errors are filtered
 * out so they never trip it, and a run of consecutive failures or timeouts opens it even
 * before the rolling percentage has enough volume.
 */
export function createBreaker(options: ResolvedOptions, deps: BreakerDeps): Breaker {
  const { logger, metrics } = deps;
  const circuit = new CircuitBreaker<[Attempt], unknown>((attempt) => attempt(), {
    name: options.name,
    timeout: false,
    resetTimeout: options.resetTimeoutMs,
    errorThresholdPercentage: options.errorThresholdPercentage,
    volumeThreshold: options.volumeThreshold,
    rollingCountTimeout: options.rollingWindowMs,
    rollingCountBuckets: 10,
    rollingPercentilesEnabled: false,
    enableSnapshots: false,
    errorFilter: isHealthyFailure,
  });
  tripOnConsecutiveFailures(circuit, options);
  let openedAt = 0;
  const retryAfterSeconds = () =>
    circuit.opened ? Math.max(1, Math.ceil((openedAt + options.resetTimeoutMs - Date.now()) / 1000)) : 1;
  const state = (): BreakerState => (circuit.opened ? 'open' : circuit.halfOpen ? 'half-open' : 'closed');
  const stats = (): BreakerStats => {
    const { fires, successes, failures, timeouts, rejects } = circuit.stats;
    return { fires, successes, failures, timeouts, rejects };
  };

  circuit.on('success', () => metrics.count('success'));
  circuit.on('failure', () => metrics.count('failure'));
  circuit.on('timeout', () => metrics.count('timeout'));
  circuit.on('reject', () => metrics.count('reject'));
  circuit.on('open', () => {
    openedAt = Date.now();
    metrics.count('open');
    metrics.setState('open');
    logger.warn('upstream breaker opened', { upstream: options.name, retryAfterSeconds: retryAfterSeconds(), stats: stats() });
  });
  circuit.on('halfOpen', () => {
    metrics.count('halfOpen');
    metrics.setState('half-open');
    logger.info('upstream breaker half-open, letting one probe through', { upstream: options.name });
  });
  circuit.on('close', () => {
    metrics.count('close');
    metrics.setState('closed');
    logger.info('upstream breaker closed', { upstream: options.name });
  });

  return {
    fire: <T>(attempt: () => Promise<T>) => circuit.fire(attempt) as Promise<T>,
    admits: () => circuit.closed || circuit.pendingClose,
    state,
    retryAfterSeconds,
    recordTimeout: (failure) => circuit.emit('timeout', failure),
    snapshot: () => {
      const current = state();
      return { name: options.name, state: current, stats: stats(), ...(current === 'open' ? { retryAfterSeconds: retryAfterSeconds() } : {}) };
    },
    shutdown: () => circuit.shutdown(),
  };
}

/** True for opossum's own rejections (open breaker, shut down): the call never reached the network. */
export function isBreakerRejection(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return code === 'EOPENBREAKER' || code === 'ESHUTDOWN';
}
