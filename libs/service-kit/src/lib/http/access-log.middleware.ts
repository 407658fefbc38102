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
 */
export function accessLogMiddleware(logger: Logger, metrics: HttpMetrics, options: { quietPaths?: string[]; observe?: boolean } = {}): RequestHandler {
  const quiet = new Set(options.quietPaths ?? []);
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
      if (quiet.has(route) && status < 400) return;
      logAccess(logger, { method: req.method, route, status, durationMs });
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };
}
