import { z } from 'zod';
import { baseConfigSchema, databaseUrlSetting, portSetting } from '@strata/service-kit';
import { serviceTokenSettings } from '@strata/service-auth';

/**
 * The loan mainframe System API's settings. The defaults reach the local emulator's
 * exchange folders; in production they are the mount of the file-transfer share.
 */
export const configSchema = baseConfigSchema.extend({
  ...serviceTokenSettings,
  PORT: portSetting(8284),
  /** Where the mainframe writes extract (`LNEXTR`), change (`LNCHG`) and acknowledgement (`LNACK`) files. */
  LOAN_OUTBOUND_DIR: z.string().min(1).default('.data/exchange/loan/outbound'),
  /** Where this API writes update request files (`LNREQ`) for the mainframe. */
  LOAN_INBOUND_DIR: z.string().min(1).default('.data/exchange/loan/inbound'),
  /**
   * The mainframe's status endpoint (the job scheduler's; the emulator's readiness). Probed
   * before each write, so an outage answers 503 instead of queueing files nobody reads.
   * Leave empty to skip the probe: then only an unwritable exchange folder counts as an outage.
   */
  LOAN_MAINFRAME_ADMIN_URL: z.union([z.url(), z.literal('')]).default('http://127.0.0.1:8384'),
  /** Pause between looks at the outbound folder (new data and acknowledgement files). */
  LOAN_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** Upper bound of `Prefer: wait=<seconds>` on writes. */
  LOAN_MAX_WAIT_SECONDS: z.coerce.number().int().min(0).max(60).default(10),
  /** Failed submissions in a row that open the breaker, and how long it stays open. */
  LOAN_BREAKER_FAILURES: z.coerce.number().int().min(1).max(100).default(3),
  LOAN_BREAKER_RESET_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Where the feed and request state live (PGlite); ignored when DATABASE_URL is set. */
  DATA_DIR: z.string().min(1).default('.data/system/loan-mainframe'),
  DATABASE_URL: databaseUrlSetting(),
});

export type Config = z.output<typeof configSchema>;
