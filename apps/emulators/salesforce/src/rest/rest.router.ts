import express, { RequestHandler, Router } from 'express';
import type { RestDeps } from './rest.deps';
import { compositeRoutes } from './composite.routes';
import { queryRoutes } from './query.routes';
import { salesforceErrorHandler, SalesforceApiError } from './salesforce-api-error';
import { sobjectRoutes } from './sobject.routes';

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * Counts the call, stamps `Sforce-Limit-Info`, and applies the fault switches in the
 * order a real org fails: latency, then availability, then the daily limit, then
 * record locks on writes.
 */
function limitsAndFaults(deps: RestDeps): RequestHandler {
  return async (req, res, next) => {
    deps.usage.record();
    res.setHeader('Sforce-Limit-Info', deps.usage.header());
    const delay = deps.faults.delayMs();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (deps.faults.takeUnavailable()) {
      throw new SalesforceApiError(503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Server temporarily unavailable' }]);
    }
    if (deps.usage.exceeded()) {
      throw new SalesforceApiError(403, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]);
    }
    if (WRITE_METHODS.has(req.method) && !req.path.startsWith('/query') && deps.faults.lockRowFails()) {
      throw new SalesforceApiError(400, [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record or 1 records' }]);
    }
    next();
  };
}

/** The Salesforce REST API under `/services/data/v{N}.0`, answered as Salesforce does. */
export function restRouter(deps: RestDeps): Router {
  const router = express.Router();
  const api = express.Router({ mergeParams: true });
  api.use(deps.requireSession, limitsAndFaults(deps));
  api.get('/limits', (_req, res) => {
    res.json({
      DailyApiRequests: { Max: deps.usage.limit, Remaining: Math.max(0, deps.usage.limit - deps.usage.count) },
      DataStorageMB: { Max: 1024, Remaining: 1000 },
    });
  });
  api.use(sobjectRoutes(deps), queryRoutes(deps), compositeRoutes(deps));
  api.use((_req, _res, next) => next(new SalesforceApiError(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }])));
  const knownVersion: RequestHandler = (req, _res, next) => {
    const valid = /^v\d+\.\d$/.test(String(req.params['version']));
    next(valid ? undefined : new SalesforceApiError(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]));
  };
  router.use('/services/data/:version', knownVersion, api);
  router.get('/services/data', (_req, res) => {
    res.json([50, 55, 58, 60, 62].map((v) => ({ label: `v${v}.0`, url: `/services/data/v${v}.0`, version: `${v}.0` })));
  });
  router.use(salesforceErrorHandler());
  return router;
}
