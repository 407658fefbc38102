import { z } from 'zod';

/**
 * Faults a test can switch on from `/__admin/faults`, outside the Salesforce surface.
 * They let resilience tests meet, locally, what real orgs do under load.
 */
export const faultSettingsSchema = z.object({
  /** Added to every Salesforce-surface response. */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /** Random extra latency up to this many ms. */
  jitterMs: z.number().int().min(0).max(60_000).default(0),
  /** The next N requests answer 503 SERVER_UNAVAILABLE. */
  unavailableBurst: z.number().int().min(0).max(1_000_000).default(0),
  /** Daily API request allowance; past it, 403 REQUEST_LIMIT_EXCEEDED. */
  dailyApiLimit: z.number().int().min(1).default(15_000_000),
  /** Share (0..1) of writes that fail with UNABLE_TO_LOCK_ROW, as under contention. */
  lockRowFailureRate: z.number().min(0).max(1).default(0),
  /** The next N writes fail with UNABLE_TO_LOCK_ROW (deterministic, for retry tests). */
  lockRowBurst: z.number().int().min(0).max(1_000_000).default(0),
  /**
   * The next N conditional updates (`If-Unmodified-Since`) answer 412 PRECONDITION_FAILED
   * and write nothing, as when someone saves the record between the caller's read and
   * its write: the race a caller cannot otherwise provoke on purpose.
   */
  preconditionFailedBurst: z.number().int().min(0).max(1_000_000).default(0),
});

export type FaultSettings = z.output<typeof faultSettingsSchema>;

/** The live switches; `random` is injectable so tests can make the lock-row share exact. */
export class FaultSwitches {
  settings: FaultSettings = faultSettingsSchema.parse({});

  constructor(private readonly random: () => number = Math.random) {}

  update(patch: Partial<FaultSettings>): FaultSettings {
    this.settings = faultSettingsSchema.parse({ ...this.settings, ...patch });
    return this.settings;
  }

  clear(): void {
    this.settings = faultSettingsSchema.parse({ dailyApiLimit: this.settings.dailyApiLimit });
  }

  /** Consumes one request of a 503 burst; true when this request must fail. */
  takeUnavailable(): boolean {
    return this.take('unavailableBurst');
  }

  /** Consumes one conditional update of a 412 burst; true when this one must fail. */
  takePreconditionFailure(): boolean {
    return this.take('preconditionFailedBurst');
  }

  delayMs(): number {
    return this.settings.latencyMs + Math.floor(this.random() * this.settings.jitterMs);
  }

  lockRowFails(): boolean {
    if (this.take('lockRowBurst')) return true;
    return this.settings.lockRowFailureRate > 0 && this.random() < this.settings.lockRowFailureRate;
  }

  /** Consumes one from a burst counter; true while it lasts. */
  private take(burst: 'unavailableBurst' | 'lockRowBurst' | 'preconditionFailedBurst'): boolean {
    if (this.settings[burst] <= 0) return false;
    this.settings[burst] -= 1;
    return true;
  }
}
