import { z } from 'zod';
import { baseConfigSchema, databaseUrlSetting, portSetting } from '@strata/service-kit';

/**
 * The org emulator's settings. Every one has a default so `npm start` needs none; the
 * credentials are the ones the Salesforce System API uses by default.
 */
export const configSchema = baseConfigSchema.extend({
  PORT: portSetting(8381),
  /** Folder of the emulator's PGlite database; records and change events survive kill -9. */
  DATA_DIR: z.string().min(1).default('.data/emulators/salesforce'),
  /** Keep the emulated backend's data in a PostgreSQL database instead of PGlite under DATA_DIR (a shared server for test environments; the sync bench compares both). */
  DATABASE_URL: databaseUrlSetting(),
  /** A schema file (JSON, see src/schema/org-schema.json) replacing the built-in org schema. */
  ORG_SCHEMA_FILE: z.string().min(1).optional(),
  /** What token responses call `instance_url`; defaults to http://127.0.0.1:<PORT>. */
  SF_INSTANCE_URL: z.url().optional(),
  SF_CLIENT_ID: z.string().min(1).default('strata-local-client'),
  SF_CLIENT_SECRET: z.string().min(8).default('strata-local-secret'),
  SF_USERNAME: z.string().min(1).default('integration@strata.local'),
  SF_PASSWORD: z.string().min(8).default('strata-local-password'),
  SF_USER_ID: z.string().regex(/^005[A-Za-z0-9]{15}$/).default('005000000000001AAA'),
  SF_ORG_ID: z.string().regex(/^00D[A-Za-z0-9]{15}$/).default('00D000000000001AAA'),
  /** X.509 certificate (PEM) that verifies JWT bearer assertions; JWT logins are refused without it. */
  SF_JWT_CERTIFICATE: z.string().min(1).optional(),
  SF_SESSION_LIFETIME_MS: z.coerce.number().int().min(1000).default(2 * 3600_000),
  /** How long change events stay replayable (a real org: 72 h). */
  CDC_RETENTION_MS: z.coerce.number().int().min(1000).default(72 * 3600_000),
  /** How long a CometD connect is held without events. */
  COMETD_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(25_000),
  /** People to seed into an empty org at start-up (0: none), and the seed that makes them. */
  SEED_PEOPLE: z.coerce.number().int().min(0).max(100_000).default(0),
  SEED: z.string().min(1).default('strata'),
});

export type Config = z.output<typeof configSchema>;
