/**
 * Forwards chunks after a per-chunk delay while keeping their order. Each chunk waits
 * its own delay (they do not add up), so latency stays latency and does not turn into
 * a bandwidth cap on large bodies.
 */
export class DelayedWriter {
  private queue: Array<{ due: number; chunk: Buffer }> = [];
  private timer: NodeJS.Timeout | undefined;
  private ending = false;

  constructor(
    private readonly sink: (chunk: Buffer) => void,
    private readonly finish: () => void,
    private readonly delayMs: () => number,
  ) {}

  push(chunk: Buffer): void {
    const delay = this.delayMs();
    if (delay <= 0 && this.queue.length === 0) {
      this.sink(chunk);
      return;
    }
    const last = this.queue.at(-1)?.due ?? 0;
    this.queue.push({ due: Math.max(Date.now() + delay, last), chunk });
    this.schedule();
  }

  /** Calls `finish` once every queued chunk has been written. */
  end(): void {
    this.ending = true;
    if (this.queue.length === 0) this.finish();
  }

  /** Drops queued chunks and the timer; used when the connection dies. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
    this.ending = false;
  }

  private schedule(): void {
    const head = this.queue[0];
    if (this.timer || !head) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, head.due - Date.now()));
  }

  private flush(): void {
    this.timer = undefined;
    const now = Date.now();
    for (let next = this.queue[0]; next && next.due <= now; next = this.queue[0]) {
      this.queue.shift();
      this.sink(next.chunk);
    }
    if (this.queue.length > 0) this.schedule();
    else if (this.ending) this.finish();
  }
}
