import type { RequestHandler } from 'express';
import type { ReadinessCheck } from '@strata/service-kit';

/** A connection the app may start without: it opens later, in the background (`SalesforceLink`). */
export interface ConnectionGate {
  isConnected(): boolean;
  /** What callers get until it is open: 503 problem+json with Retry-After. */
  notConnected(): Error;
}

/**
 * Answers every request that reaches the API routes with the gate's 503 until the
 * connection is open, rather than letting it fail deep in a route (where it would also
 * count against the Salesforce breaker). Health, metrics and the OpenAPI document come
 * before it and always answer.
 */
export function requireConnection(gate: ConnectionGate): RequestHandler {
  return (_req, _res, next) => next(gate.isConnected() ? undefined : gate.notConnected());
}

/** Readiness: down, naming why, until the connection is open. */
export function connectionCheck(gate: ConnectionGate): ReadinessCheck {
  return async () => {
    if (!gate.isConnected()) throw new Error('Salesforce is not connected yet (still trying to log in)');
  };
}
