import { z } from 'zod';
import { serviceTokenSettings } from '@strata/service-auth';
import { baseConfigSchema, portSetting } from '@strata/service-kit';

/** A JSON setting, parsed and checked like every other one (one problem list at start). */
function jsonSetting<T extends z.ZodType>(schema: T) {
  return z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
      return z.NEVER;
    }
  }).pipe(schema);
}

const apiClientsSchema = z.array(
  z.object({
    id: z.string().min(1).max(64),
    /** `hashApiKey(secret)` of @strata/edge-security; the secret itself is never configured. */
    secretHash: z.string().regex(/^scrypt\$\d+\$[\w-]+\$[\w-]+$/, 'a scrypt$N$salt$hash from hashApiKey'),
    tier: z.string().min(1),
  }),
);

const tiersSchema = z.record(z.string(), z.object({ requestsPerMinute: z.number().int().min(1), burst: z.number().int().min(1) }));

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
    /** Deadline of one customer-sync call; its breaker opens on repeated failures. */
    CUSTOMER_SYNC_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
    /** The identity provider's published signing keys. */
    JWKS_URL: z.url().optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).default('strata-mobile'),
    /** The token claim holding the customer's golden key (`CK-000123`); `sub` if the provider uses golden keys as subjects. */
    JWT_CUSTOMER_KEY_CLAIM: z.string().min(1).default('customer_key'),
    /** JSON `[{ "id", "secretHash", "tier" }]`: the calling apps. */
    API_CLIENTS: jsonSetting(apiClientsSchema).default([]),
    /** JSON `{ "<tier>": { "requestsPerMinute", "burst" } }`. */
    SLA_TIERS: jsonSetting(tiersSchema).default({ standard: { requestsPerMinute: 300, burst: 20 }, premium: { requestsPerMinute: 1200, burst: 60 } }),
    /** Rate-limit counters shared by every instance; unset: counted in memory per instance. */
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'a redis:// URL').optional(),
    RATE_LIMIT_KEY_PREFIX: z.string().min(1).default('strata:experience-mobile:rl:'),
  })
  .superRefine((config, ctx) => {
    if (config.NODE_ENV === 'production') {
      if (!config.JWKS_URL) ctx.addIssue({ code: 'custom', path: ['JWKS_URL'], message: 'required in production' });
      if (!config.JWT_ISSUER) ctx.addIssue({ code: 'custom', path: ['JWT_ISSUER'], message: 'required in production' });
    }
    for (const client of config.API_CLIENTS) {
      if (!config.SLA_TIERS[client.tier]) ctx.addIssue({ code: 'custom', path: ['API_CLIENTS'], message: `client ${client.id}: no SLA tier named ${client.tier}` });
    }
  });

export type Config = z.output<typeof configSchema>;
