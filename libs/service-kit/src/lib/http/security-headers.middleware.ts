import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Header name and value pairs, in the order helmet sets them. */
export type SecurityHeaders = ReadonlyArray<readonly [string, string]>;

/**
 * The headers helmet's defaults set, computed once by running helmet against a
 * recording response. Its defaults depend on nothing in the request (no nonces, no
 * per-route policy), so every response gets the same ones; helmet itself rebuilds the
 * Content-Security-Policy value and walks thirteen middleware for every request.
 */
export function helmetDefaultHeaders(): SecurityHeaders {
  const headers: Array<[string, string]> = [];
  const recorder = {
    setHeader: (name: string, value: string) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  let completed = false;
  helmet()({} as never, recorder as never, (error?: unknown) => {
    if (error) throw error;
    completed = true;
  });
  if (!completed) throw new Error('helmet did not complete synchronously; its headers cannot be precomputed');
  return headers;
}

/** Sets helmet's default security headers on every response, from a list computed once. */
export function securityHeadersMiddleware(headers: SecurityHeaders = helmetDefaultHeaders()): RequestHandler {
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}
