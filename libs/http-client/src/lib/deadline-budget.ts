import { performance } from 'node:perf_hooks';
import { UpstreamUnavailableError } from '@strata/errors';
import { currentContext } from '@strata/logging';

/** How long before its caller gives up a service stops waiting for its upstream: time to still answer. */
export const DEFAULT_DEADLINE_MARGIN_MS = 100;

/**
 * Shortest attempt worth sending within a caller's deadline. A shorter one would
 * mostly time out (and count against a healthy upstream's breaker), and its answer
 * would come too late for the caller anyway.
 */
export const MIN_ATTEMPT_MS = 20;

/**
 * The deadline of an attempt that starts `startsInMs` from now: the client's own
 * `ownMs`, or less when the request being served ends sooner (`deadlineAt`, from the
 * request context): what is left of it minus `marginMs`, so this service stops waiting
 * for its upstream, and can still answer its caller, before the caller stops waiting
 * for it. Undefined when less than {@link MIN_ATTEMPT_MS} would be left: the attempt
 * is not worth starting. Without a deadline the clock is not even read.
 */
export function attemptTimeoutMs(ownMs: number, deadlineAt: number | undefined, marginMs: number, startsInMs = 0): number | undefined {
  if (deadlineAt === undefined) return ownMs;
  const left = Math.floor(deadlineAt - performance.now() - startsInMs - marginMs);
  if (left >= ownMs) return ownMs;
  return left >= MIN_ATTEMPT_MS ? left : undefined;
}

/**
 * The timeout of one call to a backend that is not reached through this client (a
 * SOAP service, a file exchange, a vendor SDK), cut to the deadline of the request
 * being served like the client's own attempts: `ownMs`, or what is left of the
 * caller's deadline minus `marginMs`. Throws the same failure as a client call that is
 * not worth starting (UpstreamUnavailableError, reason `timeout`), so a System API
 * answers its caller in time however it reaches its backend.
 */
export function backendTimeoutMs(ownMs: number, upstream: string, marginMs = DEFAULT_DEADLINE_MARGIN_MS): number {
  const timeoutMs = attemptTimeoutMs(ownMs, currentContext()?.deadlineAt, marginMs);
  if (timeoutMs === undefined) {
    throw new UpstreamUnavailableError(`${upstream} not called: the caller's deadline leaves no time for it`, { upstream, reason: 'timeout' });
  }
  return timeoutMs;
}
