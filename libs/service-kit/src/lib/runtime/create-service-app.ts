import express, { Express, RequestHandler, Router } from 'express';
import { Contract, toOpenApiDocument } from '@strata/contract-kit';
import { Logger } from '@strata/logging';
import { refuseWhileDraining } from './draining.middleware';
import { accessLogMiddleware } from '../http/access-log.middleware';
import { correlationMiddleware } from '../http/correlation.middleware';
import { deadlineMiddleware } from '../http/deadline.middleware';
import { errorMiddleware, notFoundHandler } from '../http/error.middleware';
import { createHttpMetrics, HttpMetrics } from '../http/http-metrics';
import { securityHeadersMiddleware } from '../http/security-headers.middleware';
import { BreakerState, healthRouter, ReadinessCheck } from '../health/health.routes';
import { createLifecycle, Lifecycle } from './lifecycle';

export interface ServiceAppOptions {
  /** The app's name: log `service` field and metrics label. */
  name: string;
  logger: Logger;
  /** The contract this app provides; served as `/openapi.json`. */
  contract?: Contract;
  /** Production hides internals in errors. Defaults from NODE_ENV. */
  production?: boolean;
  bodyLimit?: string;
  checks?: Record<string, ReadinessCheck>;
  breakers?: () => BreakerState[];
  metrics?: HttpMetrics;
  /**
   * Benchmarks only: `false` skips the per-request duration observation (the access
   * line stays), so `npm run bench:chain` can show what request metrics cost. Default true.
   */
  requestMetrics?: boolean;
  /**
   * Who may call at all (a service token behind the edge); runs after health, metrics
   * and the OpenAPI document, which stay open to probes, and before the body is parsed,
   * so a refused caller costs no parsing.
   */
  authenticate?: RequestHandler;
  /** Middleware that runs after the body is parsed and before the routes (API keys, rate limits, user tokens). */
  before?: RequestHandler[];
  /** The app's own routes, usually one `contractRouter` per contract. */
  routes: Router | Router[];
}

/** What `createServiceApp` builds: the express app plus what `startService` needs to run it. */
export interface ServiceApp {
  app: Express;
  lifecycle: Lifecycle;
  metrics: HttpMetrics;
  logger: Logger;
  name: string;
}

/**
 * Builds an app the way every Strata API is built, so each feature only writes routes:
 * correlation id, access log and metrics, security headers, the caller's deadline, JSON with a size limit,
 * health, metrics and OpenAPI endpoints, then the routes, then problem+json for
 * unknown routes and every error. It never listens and never reads the environment.
 */
export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  const production = options.production ?? process.env['NODE_ENV'] === 'production';
  const metrics = options.metrics ?? createHttpMetrics(options.name);
  const lifecycle = createLifecycle();
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.use(correlationMiddleware());
  app.use(accessLogMiddleware(options.logger, metrics, { quietPaths: ['/health/live', '/health/ready', '/metrics'], observe: options.requestMetrics ?? true }));
  app.use(securityHeadersMiddleware());
  app.use(deadlineMiddleware());
  app.use(healthRouter({ lifecycle, metrics, checks: options.checks, breakers: options.breakers }));
  app.use(refuseWhileDraining(lifecycle));
  if (options.contract) {
    const document = toOpenApiDocument(options.contract);
    app.get('/openapi.json', (_req, res) => {
      res.json(document);
    });
  }
  if (options.authenticate) app.use(options.authenticate);
  app.use(express.json({ limit: options.bodyLimit ?? '100kb' }));
  for (const middleware of options.before ?? []) app.use(middleware);
  for (const router of [options.routes].flat()) app.use(router);
  app.use(notFoundHandler());
  app.use(errorMiddleware(options.logger, { exposeInternals: !production }));
  return { app, lifecycle, metrics, logger: options.logger, name: options.name };
}
