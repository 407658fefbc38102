import { z } from 'zod';
import { SYNCED_SYSTEMS, type SyncedSystem } from '@strata/contracts-process-customer-sync';
import { baseConfigSchema, databaseUrlSetting, portSetting } from '@strata/service-kit';
import { serviceTokenSettings } from '@strata/service-auth';

const systemList = z
  .string()
  .transform((value) => value.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.enum(SYNCED_SYSTEMS)).min(1));

/**
 * customer-sync's settings; every one has a default that works in the local landscape
 * (`npm start`). In containers the System API URLs point at the compose services.
 */
export const configSchema = baseConfigSchema.extend({
  ...serviceTokenSettings,
  PORT: portSetting(8181),
  SYSTEM_SALESFORCE_URL: z.url().default('http://127.0.0.1:8281'),
  SYSTEM_CORE_BANKING_URL: z.url().default('http://127.0.0.1:8282'),
  SYSTEM_CARD_PLATFORM_URL: z.url().default('http://127.0.0.1:8283'),
  SYSTEM_LOAN_MAINFRAME_URL: z.url().default('http://127.0.0.1:8284'),
  /** Which systems to sync (comma-separated); the others are left alone. */
  SYNC_SYSTEMS: systemList.default([...SYNCED_SYSTEMS] as SyncedSystem[]),
  /** Survivorship overrides as JSON (see README); the defaults apply to fields it omits. */
  SURVIVORSHIP_RULES: z.string().optional(),
  /** What a delete in one system does to the others. */
  DELETE_ACTION: z.enum(['deactivate', 'ignore']).default('deactivate'),
  /** Attempts before a delivery becomes a dead letter. */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  /** First retry delay of a failed delivery; it doubles per attempt up to OUTBOX_MAX_RETRY_MS. */
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(0).max(600_000).default(500),
  OUTBOX_MAX_RETRY_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  /** How long a delivery waits, without spending an attempt, when its target is down (unreachable, timing out, 502/503/504) and has no Retry-After. */
  OUTBOX_OUTAGE_RETRY_MS: z.coerce.number().int().min(10).max(600_000).default(2000),
  /** Customers delivered side by side per target (each customer's own deliveries stay in order). */
  OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** Deliveries sent in one request to a System API with a batch route; 1 sends each on its own. */
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(50),
  /** Minutes between scheduled reconciliations; 0 turns the schedule off. */
  RECONCILE_EVERY_MINUTES: z.coerce.number().int().min(0).max(10_080).default(0),
  /** Deadline of one live read of a system for the Customer 360; slower systems are reported unavailable. */
  SYSTEM_READ_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
  /** Bulkhead of those live reads, per system: reads beyond it report the system unavailable (bulkhead-full) at once. */
  SYSTEM_READ_MAX_CONCURRENT: z.coerce.number().int().min(1).max(1000).default(16),
  /** Where state lives (PGlite) when DATABASE_URL is not set. */
  DATA_DIR: z.string().min(1).default('.data/process/customer-sync'),
  DATABASE_URL: databaseUrlSetting(),
});

export type Config = z.output<typeof configSchema>;
