import { z } from 'zod';
import { baseConfigSchema, databaseUrlSetting, portSetting } from '@strata/service-kit';
import { serviceTokenSettings } from '@strata/service-auth';

/**
 * The core-banking System API's settings. The defaults reach the local bank emulator
 * and keep the change feed in a PGlite folder; set DATABASE_URL for PostgreSQL.
 */
export const configSchema = baseConfigSchema.extend({
  ...serviceTokenSettings,
  PORT: portSetting(8282),
  CORE_BANKING_URL: z.url().default('http://127.0.0.1:8382'),
  /** Deadline of one bank call; the breaker opens after three in a row. */
  CORE_BANKING_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  /** How long the breaker stays open before one probe call. */
  CORE_BANKING_BREAKER_RESET_MS: z.coerce.number().int().min(100).max(300_000).default(5000),
  /** Where the change feed keeps its state (PGlite); ignored when DATABASE_URL is set. */
  DATA_DIR: z.string().min(1).default('.data/system/core-banking'),
  DATABASE_URL: databaseUrlSetting(),
  /** Pause between polls of `modifiedSince` when the bank had nothing more. */
  FEED_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  /**
   * How far back each scan re-reads before the last `modifiedAt` it saw. The bank's
   * timestamps have second precision and its transactions commit late, so a write can
   * appear with a `modifiedAt` older than one already seen; the re-read catches it and
   * the feed's de-duplication drops what was already delivered.
   */
  FEED_OVERLAP_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  /**
   * How often a scan re-reads the whole FEED_OVERLAP_SECONDS (a sweep); the scans between
   * re-read one second. A late commit up to FEED_OVERLAP_SECONDS minus this is still found.
   */
  FEED_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(2000),
  /** Parties per bank page while polling (the bank caps it at 100). */
  FEED_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(100),
});

export type Config = z.output<typeof configSchema>;
