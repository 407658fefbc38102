import { z } from 'zod';
import { baseConfigSchema, databaseUrlSetting, portSetting } from '@strata/service-kit';

/**
 * The loan mainframe emulator's settings. Every one has a default so `npm start` needs
 * none; the exchange folders default to the ones the System API reads by default.
 */
export const configSchema = baseConfigSchema.extend({
  PORT: portSetting(8384),
  /** Folder of the emulator's PGlite database (loans, file sequences, processed requests); survives kill -9. */
  DATA_DIR: z.string().min(1).default('.data/emulators/loan-mainframe'),
  /** Keep the emulated backend's data in a PostgreSQL database instead of PGlite under DATA_DIR (a shared server for test environments; the sync bench compares both). */
  DATABASE_URL: databaseUrlSetting(),
  /** Where the mainframe writes extract, change and acknowledgement files. */
  LOAN_OUTBOUND_DIR: z.string().min(1).default('.data/exchange/loan/outbound'),
  /** Where it picks up update request files (`LNREQ.nnnnnn.req`). */
  LOAN_INBOUND_DIR: z.string().min(1).default('.data/exchange/loan/inbound'),
  /** How often the batch "job" looks for request files and unsent changes. */
  LOAN_CYCLE_MS: z.coerce.number().int().min(20).max(60_000).default(500),
  /** People to seed into an empty mainframe at start-up (0: none), and the seed that makes them. */
  SEED_PEOPLE: z.coerce.number().int().min(0).max(100_000).default(0),
  SEED: z.string().min(1).default('strata'),
});

export type Config = z.output<typeof configSchema>;
