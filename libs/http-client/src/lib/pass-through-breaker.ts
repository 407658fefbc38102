import type { Breaker } from './breaker';

/**
 * A breaker that never opens: every attempt runs as if the circuit were closed. It
 * exists only for `breakerAndMetrics: false`, which `npm run bench:chain` uses to show
 * what the real breaker costs; an app never uses it, since without a breaker a dead
 * upstream costs every caller its full timeout.
 */
export function createPassThroughBreaker(name: string): Breaker {
  return {
    fire: (attempt) => attempt(),
    admits: () => true,
    state: () => 'closed',
    retryAfterSeconds: () => 1,
    recordTimeout: () => undefined,
    snapshot: () => ({ name, state: 'closed' }),
    shutdown: () => undefined,
  };
}
