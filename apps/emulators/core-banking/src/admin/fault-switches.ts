import { z } from 'zod';

/** How a record is served broken when `malformNext` is on. */
export const malformKindSchema = z.enum(['impossible-date', 'missing-legal-name', 'bad-timestamp']);
export type MalformKind = z.infer<typeof malformKindSchema>;

/**
 * Faults a test can switch on from `/__admin/faults`. They act on the bank surface
 * (`/parties`) only, never on `/__admin` or the health endpoints.
 */
export const faultSettingsSchema = z.object({
  /** Every bank request answers 503 CB-503, as during the bank's maintenance window. */
  down: z.boolean().default(false),
  /** Added to every bank response. */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /** The next N bank requests answer 500 CB-500. */
  errorBurst: z.number().int().min(0).max(1_000_000).default(0),
  /** The next N parties served (listing or read) come out malformed, like a bad batch-job row. */
  malformNext: z.number().int().min(0).max(1_000_000).default(0),
  /** These parties are served malformed every time until cleared: a bad row that stays bad. */
  malformPartyIds: z.array(z.string()).max(100).default([]),
  malformKind: malformKindSchema.default('impossible-date'),
  /**
   * The next N party updates meet a concurrent writer: the party is saved by "another
   * teller" between the client's read and its write, so `If-Match` is stale (412).
   */
  concurrentWriteBurst: z.number().int().min(0).max(1_000_000).default(0),
});

export type FaultSettings = z.output<typeof faultSettingsSchema>;

/** The live switches, with the counters that bursts consume. */
export class FaultSwitches {
  settings: FaultSettings = faultSettingsSchema.parse({});

  update(patch: Partial<FaultSettings>): FaultSettings {
    this.settings = faultSettingsSchema.parse({ ...this.settings, ...patch });
    return this.settings;
  }

  clear(): void {
    this.settings = faultSettingsSchema.parse({});
  }

  /** Consumes one request of an error burst; true when this request must fail. */
  takeError(): boolean {
    return this.take('errorBurst');
  }

  /** The kind of breakage to serve this party with (consuming one `malformNext`), or undefined to serve it clean. */
  takeMalformed(partyId: string): MalformKind | undefined {
    if (this.settings.malformPartyIds.includes(partyId)) return this.settings.malformKind;
    return this.take('malformNext') ? this.settings.malformKind : undefined;
  }

  takeConcurrentWrite(): boolean {
    return this.take('concurrentWriteBurst');
  }

  private take(counter: 'errorBurst' | 'malformNext' | 'concurrentWriteBurst'): boolean {
    if (this.settings[counter] <= 0) return false;
    this.settings[counter] -= 1;
    return true;
  }
}
