import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The metrics every app exposes on `/metrics`, all on the app's own registry. */
export interface HttpMetrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
}

/**
 * Creates the app's registry (no global singletons: two apps in one test process must
 * not share counters) with process metrics and the request duration histogram.
 */
export function createHttpMetrics(service: string, registry = new Registry()): HttpMetrics {
  registry.setDefaultLabels({ service });
  if (!registry.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics({ register: registry });
  const existing = registry.getSingleMetric('strata_http_request_duration_seconds');
  const requestDuration =
    (existing as Histogram<'method' | 'route' | 'status'> | undefined) ??
    new Histogram({
      name: 'strata_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  return { registry, requestDuration };
}
