import { z } from 'zod';
import { baseConfigSchema, portSetting } from '@strata/service-kit';

/** The org emulator's settings; every one has a default so `npm start` needs none. */
export const configSchema = baseConfigSchema.extend({
  PORT: portSetting(8381),
  /** Folder of the emulator's PGlite database; records survive kill -9 and restart. */
  DATA_DIR: z.string().min(1).default('.data/emulators/salesforce'),
});

export type Config = z.output<typeof configSchema>;
