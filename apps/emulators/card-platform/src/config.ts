import { z } from 'zod';
import { baseConfigSchema, databaseUrlSetting, portSetting } from '@strata/service-kit';

/** The card platform emulator's settings; every one has a default so `npm start` needs none. */
export const configSchema = baseConfigSchema.extend({
  PORT: portSetting(8383),
  /** Folder of the emulator's PGlite database; cardholders survive kill -9. */
  DATA_DIR: z.string().min(1).default('.data/emulators/card-platform'),
  /** Keep the emulated backend's data in a PostgreSQL database instead of PGlite under DATA_DIR (a shared server for test environments; the sync bench compares both). */
  DATABASE_URL: databaseUrlSetting(),
  /** People to seed into an empty platform at start-up (0: none); only those with a card id become cardholders. */
  SEED_PEOPLE: z.coerce.number().int().min(0).max(100_000).default(0),
  /** The seed shared by every emulator, so all of them hold the same people. */
  SEED: z.string().min(1).default('strata'),
});

export type Config = z.output<typeof configSchema>;
