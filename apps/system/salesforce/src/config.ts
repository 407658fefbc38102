import { z } from 'zod';
import { baseConfigSchema, databaseUrlSetting, portSetting } from '@strata/service-kit';
import { serviceTokenSettings } from '@strata/service-auth';

/**
 * The Salesforce System API's settings. The defaults reach the local org emulator; for
 * a real org set the login URL, the connected app's client id and secret, and either
 * a username and password or a JWT private key (see README).
 */
export const configSchema = baseConfigSchema.extend({
  ...serviceTokenSettings,
  PORT: portSetting(8281),
  SALESFORCE_LOGIN_URL: z.url().default('http://127.0.0.1:8381'),
  SALESFORCE_CLIENT_ID: z.string().min(1).default('strata-local-client'),
  SALESFORCE_CLIENT_SECRET: z.string().min(1).default('strata-local-secret'),
  SALESFORCE_USERNAME: z.string().min(1).default('integration@strata.local'),
  SALESFORCE_PASSWORD: z.string().min(1).optional().default('strata-local-password'),
  /** PEM private key; when set, the JWT bearer flow is used instead of the password. */
  SALESFORCE_JWT_PRIVATE_KEY: z.string().min(1).optional(),
  SALESFORCE_API_VERSION: z.string().regex(/^\d{2}\.0$/, 'like 58.0').default('58.0'),
  /** Our name in `Sforce-Call-Options`; CDC reports it back so our own writes are recognised. */
  SALESFORCE_CLIENT_NAME: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).default('strata-system-salesforce'),
  /**
   * Seconds callers are told to wait (429 Retry-After) after the org answers
   * REQUEST_LIMIT_EXCEEDED; a real org's daily allowance is a rolling 24 h window.
   */
  SALESFORCE_ALLOWANCE_PAUSE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /**
   * Longest wait between login attempts while the org cannot be reached at start (the
   * API keeps trying for as long as it takes; a lower cap finds a returning org sooner).
   */
  SALESFORCE_LOGIN_RETRY_MAX_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  /** Where the change feed keeps its state (PGlite); ignored when DATABASE_URL is set. */
  DATA_DIR: z.string().min(1).default('.data/system/salesforce'),
  DATABASE_URL: databaseUrlSetting(),
});

export type Config = z.output<typeof configSchema>;
