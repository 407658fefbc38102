import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What every log line and every outgoing call needs to know about the request being
 * served. Held in AsyncLocalStorage so that deep code (a repository, the http-client)
 * can log and propagate the correlation id without it being threaded through every
 * function signature.
 */
export interface RequestContext {
  correlationId: string;
  /**
   * `performance.now()` at which the caller stops waiting for this request, when it
   * said so (see `request-deadline.ts`). A monotonic instant of this process, so a
   * wall-clock jump cannot move it; set by service-kit, read by the http-client.
   */
  deadlineAt?: number;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `context` visible to everything it calls, synchronously or not. */
export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the request being served, or undefined outside one (start-up, timers). */
export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The current correlation id, if code is running on behalf of a request. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Header name used between every Strata app and at the edge. */
export const CORRELATION_HEADER = 'x-correlation-id';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Accepts a caller's correlation id only if it is short and plain, so a hostile header
 * cannot inject text into log lines; otherwise a fresh id is made.
 */
export function acceptOrCreateCorrelationId(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && SAFE_ID.test(value) ? value : randomUUID();
}
