import type { ErrorRequestHandler, RequestHandler } from 'express';
import { NotFoundError, ValidationError } from '@strata/errors';
import { Logger } from '@strata/logging';
import { toProblem } from './problem';

/** Any request no route matched: a problem+json 404 rather than express's HTML page. */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(new NotFoundError(`No route for ${req.method} ${req.path}`));
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Translates body-parser failures into the error family before mapping. */
function normalize(error: unknown): unknown {
  const parserError = error as BodyParserError;
  if (parserError?.type === 'entity.parse.failed') {
    return new ValidationError('The request body is not valid JSON', [{ path: 'body', message: 'Malformed JSON' }]);
  }
  if (parserError?.type === 'entity.too.large') {
    return new ValidationError('The request body is too large', [{ path: 'body', message: 'Body exceeds the size limit' }]);
  }
  return error;
}

/**
 * The last middleware: every error becomes RFC 9457 problem+json. Only this service's
 * own faults (5xx) are logged with their stack; client errors are already in the
 * access line and would only add noise.
 */
export function errorMiddleware(logger: Logger, options: { exposeInternals: boolean }): ErrorRequestHandler {
  return (rawError, req, res, next) => {
    if (res.headersSent) return next(rawError);
    const error = normalize(rawError);
    const problem = toProblem(error, {
      instance: req.originalUrl,
      correlationId: res.locals['correlationId'] as string | undefined,
      exposeInternals: options.exposeInternals,
    });
    if ((rawError as BodyParserError)?.type === 'entity.too.large') {
      problem.status = 413;
      problem.body.status = 413;
      problem.body.title = 'Payload too large';
    }
    if (problem.isServerFault) logger.error('unhandled error', { error, method: req.method, path: req.path });
    res.status(problem.status).set(problem.headers).send(JSON.stringify(problem.body));
  };
}
