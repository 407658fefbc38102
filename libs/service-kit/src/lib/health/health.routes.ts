import express, { Router } from 'express';
import type { Lifecycle } from '../runtime/lifecycle';
import type { HttpMetrics } from '../http/http-metrics';

/** A dependency this app cannot serve without (its database, its message broker). */
export type ReadinessCheck = () => Promise<unknown>;

/** The state of one breaker as the http-client reports it. */
export interface BreakerState {
  name: string;
  state: 'closed' | 'open' | 'half-open';
}

export interface HealthOptions {
  lifecycle: Lifecycle;
  metrics: HttpMetrics;
  checks?: Record<string, ReadinessCheck>;
  breakers?: () => BreakerState[];
  /** Longest one readiness check may take before it counts as down. */
  checkTimeoutMs?: number;
}

const withTimeout = (promise: Promise<unknown>, ms: number) =>
  Promise.race([
    promise,
    new Promise((_resolve, reject) => setTimeout(() => reject(new Error(`check timed out after ${ms} ms`)), ms).unref()),
  ]);

/**
 * `GET /health/live` (the process answers), `GET /health/ready` (its own dependencies
 * answer and it is not shutting down), and `GET /metrics`.
 *
 * An open breaker to an upstream makes the app `degraded` but still ready (200): the
 * app keeps answering fast with 503s for that upstream, and pulling it from the load
 * balancer would only spread the outage to every route.
 */
export function healthRouter(options: HealthOptions): Router {
  const router = express.Router();
  const checkTimeoutMs = options.checkTimeoutMs ?? 2000;

  router.get('/health/live', (_req, res) => {
    res.json({ status: 'live' });
  });

  router.get('/health/ready', async (_req, res) => {
    const checks: Record<string, { status: 'up' | 'down'; durationMs: number; error?: string }> = {};
    await Promise.all(
      Object.entries(options.checks ?? {}).map(async ([name, check]) => {
        const started = performance.now();
        try {
          await withTimeout(check(), checkTimeoutMs);
          checks[name] = { status: 'up', durationMs: Math.round(performance.now() - started) };
        } catch (error) {
          checks[name] = { status: 'down', durationMs: Math.round(performance.now() - started), error: (error as Error).message };
        }
      }),
    );
    const breakers = options.breakers?.() ?? [];
    const down = Object.values(checks).some((c) => c.status === 'down');
    const status = options.lifecycle.isDraining() ? 'shutting-down' : down ? 'not-ready' : breakers.some((b) => b.state !== 'closed') ? 'degraded' : 'ready';
    res.status(status === 'ready' || status === 'degraded' ? 200 : 503).json({ status, checks, breakers });
  });

  router.get('/metrics', async (_req, res) => {
    res.set('content-type', options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });
  return router;
}
