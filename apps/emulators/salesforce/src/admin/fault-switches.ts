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
    if (this.settings.unavailableBurst <= 0) return false;
    this.settings.unavailableBurst -= 1;
    return true;
  }

  delayMs(): number {
    return this.settings.latencyMs + Math.floor(this.random() * this.settings.jitterMs);
  }

  lockRowFails(): boolean {
    if (this.settings.lockRowBurst > 0) {
      this.settings.lockRowBurst -= 1;
      return true;
    }
    return this.settings.lockRowFailureRate > 0 && this.random() < this.settings.lockRowFailureRate;
  }
}
