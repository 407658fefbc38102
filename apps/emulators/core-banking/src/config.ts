import { z } from 'zod';
import { baseConfigSchema, databaseUrlSetting, portSetting } from '@strata/service-kit';

/** The core-banking emulator's settings; every one has a default that works in the local landscape. */
export const configSchema = baseConfigSchema.extend({
  PORT: portSetting(8382),
  /** Folder of the emulator's PGlite database; parties survive kill -9. */
  DATA_DIR: z.string().min(1).default('.data/emulators/core-banking'),
  /** Keep the emulated backend's data in a PostgreSQL database instead of PGlite under DATA_DIR (a shared server for test environments; the sync bench compares both). */
  DATABASE_URL: databaseUrlSetting(),
  /** People to seed into an empty bank at start-up (0: none), and the seed that makes them. */
  SEED_PEOPLE: z.coerce.number().int().min(0).max(100_000).default(0),
  SEED: z.string().min(1).default('strata'),
  /** Largest `pageSize` the party listing accepts, like the real bank's cap. */
  MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
});

export type Config = z.output<typeof configSchema>;
