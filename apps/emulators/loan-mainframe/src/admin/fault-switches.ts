import { z } from 'zod';

/**
 * Faults a test can switch on from `/__admin/faults`, outside the mainframe's surface.
 * They stage, locally, what a real batch exchange does on a bad night.
 */
export const faultSettingsSchema = z.object({
  /** The mainframe is down: it processes no request files, writes no files, and is not ready. */
  down: z.boolean().default(false),
  /** Added before each batch cycle (a slow night on the mainframe). */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /** The next N request records are acknowledged with `rejectReturnCode`, whatever they hold. */
  rejectNext: z.number().int().min(0).max(1_000_000).default(0),
  rejectReturnCode: z.enum(['04', '08', '12', '16']).default('16'),
  /** The next change file is cut off (no trailer) or carries one unreadable record. */
  corruptNextChangeFile: z.enum(['truncated', 'malformed']).nullable().default(null),
  /** Files are written in two halves this far apart, so the temporary file is visible meanwhile. */
  slowWriteMs: z.number().int().min(0).max(60_000).default(0),
});

export type FaultSettings = z.output<typeof faultSettingsSchema>;

/** The live switches. */
export class FaultSwitches {
  settings: FaultSettings = faultSettingsSchema.parse({});

  update(patch: Partial<FaultSettings>): FaultSettings {
    this.settings = faultSettingsSchema.parse({ ...this.settings, ...patch });
    return this.settings;
  }

  clear(): void {
    this.settings = faultSettingsSchema.parse({});
  }

  /** Consumes one forced rejection; the return code to answer with, or null. */
  takeRejection(): string | null {
    if (this.settings.rejectNext <= 0) return null;
    this.settings.rejectNext -= 1;
    return this.settings.rejectReturnCode;
  }

  /** Consumes the corruption planned for the next change file. */
  takeCorruption(): 'truncated' | 'malformed' | null {
    const corruption = this.settings.corruptNextChangeFile;
    this.settings.corruptNextChangeFile = null;
    return corruption;
  }
}
