import type { RequestHandler } from 'express';
import { ServiceUnavailableError } from '@strata/errors';
import type { Lifecycle } from './lifecycle';

/**
 * While shutting down, a request that arrives on an already-open keep-alive connection
 * is refused with 503 and `connection: close`, so the client retries on another
 * instance instead of waiting for one that is about to exit.
 */
export function refuseWhileDraining(lifecycle: Lifecycle): RequestHandler {
  return (_req, res, next) => {
    if (!lifecycle.isDraining()) return next();
    res.setHeader('connection', 'close');
    next(new ServiceUnavailableError('This instance is shutting down', { retryAfterSeconds: 1 }));
  };
}
