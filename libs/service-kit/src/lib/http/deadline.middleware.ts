import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import { DeadlineExceededError } from '@strata/errors';
import { currentContext, DEADLINE_HEADER, parseDeadlineHeader } from '@strata/logging';

/**
 * Reads the caller's `x-request-deadline-ms` into the request context, where the
 * http-client finds it and fits every call made for this request (attempts and
 * retries) inside it, so this service gives up on its upstreams before its caller
 * gives up on it. A request whose caller has already stopped waiting (0 or less) is
 * refused at once with 504 problem+json: no work is started for an answer nobody
 * reads. A malformed value is ignored (never a 400: it is infrastructure metadata, and
 * the request is no worse than one without it); a huge one is capped at 60 s.
 *
 * The deadline ends with the response: anything the request left running afterwards
 * (and that escaped `runWithoutDeadline`) is not cut short by a caller who already has
 * its answer. Runs after the correlation middleware, which opens the context.
 */
export function deadlineMiddleware(): RequestHandler {
  return (req, res, next) => {
    const header = req.headers[DEADLINE_HEADER];
    if (header === undefined) return next();
    const remainingMs = parseDeadlineHeader(header);
    const context = currentContext();
    if (remainingMs === undefined || !context) return next();
    if (remainingMs <= 0) return next(new DeadlineExceededError(`The caller's deadline had passed when the request arrived (${DEADLINE_HEADER}: ${remainingMs})`));
    context.deadlineAt = performance.now() + remainingMs;
    res.once('finish', () => {
      context.deadlineAt = undefined;
    });
    next();
  };
}
