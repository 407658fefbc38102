import { z } from 'zod';
import { checkEdgeSecurityConfig, edgeSecuritySettings } from '@strata/edge-security';
import { serviceTokenSettings } from '@strata/service-auth';
import { baseConfigSchema, portSetting } from '@strata/service-kit';

/**
 * experience-mobile's settings. The identity provider (JWKS_URL, JWT_ISSUER) has no
 * default: production refuses to start without it; in development the app starts
 * (so `npm start` runs the landscape) and refuses every user token. No calling app is
 * registered unless API_CLIENTS names it.
 */
export const configSchema = baseConfigSchema
  .extend({
    ...serviceTokenSettings,
    PORT: portSetting(8081),
    CUSTOMER_SYNC_URL: z.url().default('http://127.0.0.1:8181'),
    /**
     * Deadline of one attempt to customer-sync, sent with it as `x-request-deadline-ms`
     * so customer-sync stops in time too; its breaker opens on repeated failures.
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
    ...edgeSecuritySettings({ audience: 'strata-mobile', rateLimitKeyPrefix: 'strata:experience-mobile:rl:' }),
    /** The token claim holding the customer's golden key (`CK-000123`); `sub` if the provider uses golden keys as subjects. */
    JWT_CUSTOMER_KEY_CLAIM: z.string().min(1).default('customer_key'),
  })
  .superRefine(checkEdgeSecurityConfig);

export type Config = z.output<typeof configSchema>;
