import type { RequestHandler } from 'express';
import { acceptOrCreateCorrelationId, CORRELATION_HEADER, runWithContext } from '@strata/logging';

/**
 * Reads the caller's `x-correlation-id` (or creates one at the edge), echoes it in the
 * response, and runs the rest of the request inside its AsyncLocalStorage context so
 * every log line and every outgoing call made on its behalf carries it.
 */
export function correlationMiddleware(): RequestHandler {
  return (req, res, next) => {
    const correlationId = acceptOrCreateCorrelationId(req.headers[CORRELATION_HEADER]);
    res.setHeader(CORRELATION_HEADER, correlationId);
    res.locals['correlationId'] = correlationId;
    runWithContext({ correlationId }, () => next());
  };
}
