/**
 * Growing, jittered delays for background retries (logging in at start, resubscribing,
 * writing a batch), so a Salesforce or database outage is not hammered and replicas do
 * not retry in lockstep.
 */
export function retryDelay(failures: number, minMs = 500, maxMs = 30_000): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/**
 * A sleep that `wake()` ends early, so `stop()` never waits out a backoff and no timer
 * outlives the feed (jest and graceful shutdown both notice stray timers).
 */
export class Sleeper {
  private pending = new Set<() => void>();

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.pending.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.pending.add(done);
    });
  }

  /** Ends every sleep in progress. */
  wake(): void {
    for (const done of [...this.pending]) done();
  }
}
