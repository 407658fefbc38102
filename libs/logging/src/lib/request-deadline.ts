import { performance } from 'node:perf_hooks';
import { currentContext, runWithContext } from './request-context';

/**
 * Header by which a caller says how long it will still wait for this request: whole
 * milliseconds, measured when the request was sent. The http-client sends it on every
 * attempt; service-kit reads it into the request context. Remaining time rather than
 * an absolute timestamp, because the hosts' clocks need not agree: a duration means the
 * same on both sides, an instant would be off by the clock skew. Transit time is not
 * deducted (the receiver cannot know it), which is one reason every hop gives up a
 * margin before its caller does.
 */
export const DEADLINE_HEADER = 'x-request-deadline-ms';

/**
 * Largest deadline taken from a caller; a larger value is cut to it. 60 s is the
 * longest any Strata client waits for one attempt, and the cap keeps a caller from
 * asking a service to hold a request open for hours.
 */
export const MAX_DEADLINE_MS = 60_000;

const WHOLE_MS = /^-?\d{1,12}$/;

/**
 * The caller's remaining time from the header: a whole number of milliseconds, 0 or
 * less when the caller has already given up, at most {@link MAX_DEADLINE_MS}.
 * Undefined when the header is absent or not a whole number: it is infrastructure
 * metadata, so a malformed one is ignored rather than failing the request.
 */
export function parseDeadlineHeader(value: string | string[] | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!WHOLE_MS.test(text)) return undefined;
  return Math.min(Number(text), MAX_DEADLINE_MS);
}

/**
 * Milliseconds before the caller of the request being served stops waiting (negative
 * once it has), or undefined outside a request or when the caller gave no deadline.
 * For work that is not an http-client call and should still stop in time.
 */
export function remainingDeadlineMs(now = performance.now()): number | undefined {
  const deadlineAt = currentContext()?.deadlineAt;
  return deadlineAt === undefined ? undefined : deadlineAt - now;
}

/**
 * Runs `fn` in the current request's context without its deadline (the correlation id
 * stays). For work a request starts but nobody waits for, such as a run answered with
 * 202: it would otherwise inherit the deadline through AsyncLocalStorage, and every
 * call it makes after the caller's deadline would be refused as too late.
 */
export function runWithoutDeadline<T>(fn: () => T): T {
  const context = currentContext();
  return context?.deadlineAt === undefined ? fn() : runWithContext({ correlationId: context.correlationId }, fn);
}
