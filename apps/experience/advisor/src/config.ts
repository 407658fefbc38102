import { z } from 'zod';
import { checkEdgeSecurityConfig, edgeSecuritySettings } from '@strata/edge-security';
import { serviceTokenSettings } from '@strata/service-auth';
import { baseConfigSchema, databaseUrlSetting, portSetting } from '@strata/service-kit';

/**
 * experience-advisor's settings: consumer security like every Experience API (its own
 * audience `strata-advisor`; production refuses to start without an identity
 * provider, development starts and refuses every staff token), customer-sync, and the
 * audit store. No web app is registered unless API_CLIENTS names it.
 */
export const configSchema = baseConfigSchema
  .extend({
    ...serviceTokenSettings,
    PORT: portSetting(8082),
    CUSTOMER_SYNC_URL: z.url().default('http://127.0.0.1:8181'),
    /**
     * Deadline of one attempt to customer-sync, sent with it as `x-request-deadline-ms`:
     * customer-sync fits its live reads inside it (less a 100 ms margin), so a 360 with
     * one slow system still answers in time, showing that system unavailable. 2 s, like
     * the mobile API's, so a hanging customer-sync opens this app's breaker in about 2 s
     * (three timeouts in a row) instead of 5 s.
     */
    CUSTOMER_SYNC_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
    /** Time customer-sync's breaker stays open before one probe call. */
    CUSTOMER_SYNC_BREAKER_RESET_MS: z.coerce.number().int().min(100).max(300_000).default(5000),
    /**
     * Bulkhead: customer-sync calls in flight at once; beyond it a call fails at once
     * (503, reason bulkhead-full) instead of queueing behind a slow customer-sync and
     * taking every socket and request slot of this app with it.
     */
    CUSTOMER_SYNC_MAX_CONCURRENT: z.coerce.number().int().min(1).max(10_000).default(64),
    ...edgeSecuritySettings({ audience: 'strata-advisor', rateLimitKeyPrefix: 'strata:experience-advisor:rl:' }),
    /** Where the audit trail lives (PGlite) when DATABASE_URL is not set. */
    DATA_DIR: z.string().min(1).default('.data/experience/advisor'),
    DATABASE_URL: databaseUrlSetting(),
  })
  .superRefine(checkEdgeSecurityConfig);

export type Config = z.output<typeof configSchema>;
