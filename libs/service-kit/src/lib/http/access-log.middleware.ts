import type { Request, RequestHandler } from 'express';
import { Logger, logAccess } from '@strata/logging';
import type { HttpMetrics } from './http-metrics';

/** Routes matched by nothing share one label, so probing random URLs cannot explode metric cardinality. */
export const UNMATCHED_ROUTE = '(unmatched)';

/** The route pattern that served a request (`/v1/customers/:id`), never the raw URL. */
export function routeLabel(req: Request): string {
  const pattern = req.route?.path;
  return typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : UNMATCHED_ROUTE;
}

/**
 * Writes one access line and one histogram observation per request when its response
 * has finished (or the client went away), with the duration measured from arrival.
 * `quietPaths` (health probes, metrics scrapes) are polled every few seconds by
 * orchestrators: they get a line only when their status changes (ready to 503 at warn,
 * and back at info), so an app waiting minutes for a dependency logs that once, not
 * an error line per probe.
 */
export function accessLogMiddleware(logger: Logger, metrics: HttpMetrics, options: { quietPaths?: string[]; observe?: boolean } = {}): RequestHandler {
  const quiet = new Set(options.quietPaths ?? []);
  const lastQuietStatus = new Map<string, number>();
  const observe = options.observe ?? true;
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const route = routeLabel(req);
      const status = res.headersSent ? res.statusCode : 499;
      if (observe) metrics.requestDuration.observe({ method: req.method, route, status: String(status) }, durationMs / 1000);
      if (quiet.has(route)) {
        const before = lastQuietStatus.get(route) ?? 200;
        lastQuietStatus.set(route, status);
        if (status !== before) logger.log(status >= 400 ? 'warn' : 'info', 'probe answer changed', { method: req.method, route, status, was: before, durationMs });
        return;
      }
      logAccess(logger, { method: req.method, route, status, durationMs });
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };
}
