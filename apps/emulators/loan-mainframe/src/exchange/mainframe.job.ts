import type { Logger } from '@strata/logging';
import type { FaultSwitches } from '../admin/fault-switches';
import type { LoanStore } from '../store/loan.store';
import type { InboundProcessor } from './inbound.processor';
import type { OutboundWriter } from './outbound.writer';

/** What one batch cycle did. */
export interface CycleReport {
  processedRequests: string[];
  changeFile: string | null;
}

/**
 * The mainframe's batch scheduler: every cycle it processes new request files, writes
 * their acknowledgements and writes one change file of what changed since the last.
 * Every piece of work (cycles, admin changes, extracts) runs one at a time through
 * `serial`, as jobs on one mainframe queue do, so no file sees a half-applied change.
 * While the `down` switch is on, cycles do nothing at all.
 */
export class MainframeJob {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(
    private readonly deps: { store: LoanStore; faults: FaultSwitches; inbound: InboundProcessor; outbound: OutboundWriter; logger: Logger; cycleMs: number },
  ) {}

  /** Runs `work` after everything queued before it; failures reach the caller only. */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  isDown(): boolean {
    return this.deps.faults.settings.down;
  }

  /** One cycle now; does nothing while down. */
  runCycle(): Promise<CycleReport> {
    return this.serial(async () => {
      if (this.isDown()) return { processedRequests: [], changeFile: null };
      const latency = this.deps.faults.settings.latencyMs;
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      const processedRequests = await this.deps.inbound.processNew();
      const changeFile = await this.deps.outbound.writeChanges();
      return { processedRequests, changeFile };
    });
  }

  /** Writes the change file for what is unsent, unless down (then it waits for a later cycle). */
  flushChanges(): Promise<string | null> {
    return this.serial(async () => (this.isDown() ? null : this.deps.outbound.writeChanges()));
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.runCycle()
        .catch((error: unknown) => this.deps.logger.error('batch cycle failed; retrying next cycle', { error }))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.deps.cycleMs);
        });
    };
    this.timer = setTimeout(tick, this.deps.cycleMs);
  }

  /** Stops scheduling and waits for the running piece of work. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.queue;
  }
}
