import { z } from 'zod';
import type { Cardholder } from '../store/cardholder.types';

/**
 * Faults a test can switch on from `/__admin/faults`. They act on the SOAP endpoint
 * only (health and admin keep answering), so a test can break the platform and still
 * mend it.
 */
export const faultSettingsSchema = z.object({
  /** Every SOAP request answers HTTP 503, as when the platform is down for its batch window. */
  down: z.boolean().default(false),
  /** Added to every SOAP response. */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /** The next N SOAP requests fail with a soap:Server CP-5000 fault. */
  errorBurst: z.number().int().min(0).max(1_000_000).default(0),
  /** The next N cardholder records served come out malformed (an impossible DateOfBirth). */
  malformedNext: z.number().int().min(0).max(1_000_000).default(0),
});

export type FaultSettings = z.output<typeof faultSettingsSchema>;

/** The live switches; counters are consumed as requests and records go out. */
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
    if (this.settings.errorBurst <= 0) return false;
    this.settings.errorBurst -= 1;
    return true;
  }

  /** The record as it goes out: malformed while `malformedNext` lasts, as a bad batch job would leave it. */
  serve(record: Cardholder): Cardholder {
    if (this.settings.malformedNext <= 0) return record;
    this.settings.malformedNext -= 1;
    return { ...record, DateOfBirth: `31/02/${record.DateOfBirth?.slice(6) || '1970'}` };
  }
}
