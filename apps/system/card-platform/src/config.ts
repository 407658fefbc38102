import { z } from 'zod';
import { baseConfigSchema, databaseUrlSetting, portSetting } from '@strata/service-kit';
import { serviceTokenSettings } from '@strata/service-auth';

/** The card platform System API's settings; the defaults reach the local emulator. */
export const configSchema = baseConfigSchema.extend({
  ...serviceTokenSettings,
  PORT: portSetting(8283),
  /** The platform's base URL; the SOAP service and its WSDL are at `/cardholders/v1`. */
  CARD_PLATFORM_URL: z.url().default('http://127.0.0.1:8383'),
  /** Deadline of one SOAP call (a 1000-record page included). */
  CARD_PLATFORM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Records per ListCardholders call in a snapshot pass (the platform allows up to 1000). */
  SNAPSHOT_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(1000),
  /** Pause between two snapshot passes: how stale the feed may get vs. how hard the platform is read. */
  SNAPSHOT_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /**
   * Longest pause while passes find nothing but this API's own writes: each such pass
   * doubles the pause up to this, the first change made by others brings it back to
   * SNAPSHOT_INTERVAL_MS. Unset: a fixed SNAPSHOT_INTERVAL_MS.
   */
  SNAPSHOT_QUIET_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).optional(),
  /** Where the change feed keeps its state (PGlite); ignored when DATABASE_URL is set. */
  DATA_DIR: z.string().min(1).default('.data/system/card-platform'),
  DATABASE_URL: databaseUrlSetting(),
});

export type Config = z.output<typeof configSchema>;
