import { performance } from 'node:perf_hooks';

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
