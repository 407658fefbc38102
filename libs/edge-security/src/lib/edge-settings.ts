import { z } from 'zod';
import { jsonSetting } from '@strata/service-kit';

/** The calling apps: id, `hashApiKey(secret)` (the secret itself is never configured) and SLA tier. */
export const apiClientsSettingSchema = z.array(
  z.object({
    id: z.string().min(1).max(64),
    secretHash: z.string().regex(/^scrypt\$\d+\$[\w-]+\$[\w-]+$/, 'a scrypt$N$salt$hash from hashApiKey'),
    tier: z.string().min(1),
  }),
);

export const slaTiersSettingSchema = z.record(z.string(), z.object({ requestsPerMinute: z.number().int().min(1), burst: z.number().int().min(1) }));

/**
 * The settings every Experience API reads for consumer security, to spread into its
 * config schema: the identity provider (JWKS_URL, JWT_ISSUER; no default, production
 * refuses to start without them), the token audience, the calling apps (API_CLIENTS as
 * JSON), their SLA tiers (SLA_TIERS as JSON) and where rate-limit counters live
 * (REDIS_URL, else memory). Each API has its own audience and key prefix, so a token
 * or a budget of one is never valid at another.
 */
export function edgeSecuritySettings(defaults: { audience: string; rateLimitKeyPrefix: string }) {
  return {
    JWKS_URL: z.url().optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).default(defaults.audience),
    API_CLIENTS: jsonSetting(apiClientsSettingSchema).default([]),
    SLA_TIERS: jsonSetting(slaTiersSettingSchema).default({ standard: { requestsPerMinute: 300, burst: 20 }, premium: { requestsPerMinute: 1200, burst: 60 } }),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'a redis:// URL').optional(),
    RATE_LIMIT_KEY_PREFIX: z.string().min(1).default(defaults.rateLimitKeyPrefix),
  };
}

/** The parsed values of {@link edgeSecuritySettings}. */
export interface EdgeSecurityConfig {
  NODE_ENV: string;
  JWKS_URL?: string;
  JWT_ISSUER?: string;
  JWT_AUDIENCE: string;
  API_CLIENTS: z.output<typeof apiClientsSettingSchema>;
  SLA_TIERS: z.output<typeof slaTiersSettingSchema>;
  REDIS_URL?: string;
  RATE_LIMIT_KEY_PREFIX: string;
}

/**
 * The checks across settings, for the app's `superRefine`: production needs an identity
 * provider, and every client's tier must exist (a client with an unknown tier would
 * otherwise fail each request with 500 at run time instead of at start-up).
 */
export function checkEdgeSecurityConfig(config: EdgeSecurityConfig, ctx: z.RefinementCtx): void {
  if (config.NODE_ENV === 'production') {
    if (!config.JWKS_URL) ctx.addIssue({ code: 'custom', path: ['JWKS_URL'], message: 'required in production' });
    if (!config.JWT_ISSUER) ctx.addIssue({ code: 'custom', path: ['JWT_ISSUER'], message: 'required in production' });
  }
  for (const client of config.API_CLIENTS) {
    if (!config.SLA_TIERS[client.tier]) ctx.addIssue({ code: 'custom', path: ['API_CLIENTS'], message: `client ${client.id}: no SLA tier named ${client.tier}` });
  }
}
