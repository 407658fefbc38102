import { z } from 'zod';
import { serviceTokenSettings } from '@strata/service-auth';
import { baseConfigSchema, jsonSetting, portSetting } from '@strata/service-kit';
import { DEFAULT_APPS } from './landscape/default-apps';
import { watchedAppsSchema, type WatchedApp } from './landscape/watched-app.schema';

/** The variable that moves one app: `system-core-banking` → `PORTAL_URL_SYSTEM_CORE_BANKING`. */
export const urlOverrideVariable = (appName: string) => `PORTAL_URL_${appName.toUpperCase().replaceAll('-', '_')}`;

const URL_OVERRIDE = /^PORTAL_URL_[A-Z0-9_]+$/;
const httpUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL' });

/**
 * The portal's settings. Which apps it watches is data: the local landscape by default,
 * PORTAL_APPS (a JSON list of `{ name, layer, url, calls, syncStatus }`) for another,
 * and PORTAL_URL_<NAME> to move one app without restating the list (compose does this).
 */
export const configSchema = baseConfigSchema
  .extend({
    ...serviceTokenSettings,
    PORT: portSetting(8080),
    PORTAL_APPS: jsonSetting(watchedAppsSchema).default(DEFAULT_APPS),
    /** How often every app is probed in the background; the page shows the latest round. */
    POLL_INTERVAL_MS: z.coerce.number().int().min(200).max(60_000).default(2000),
    /** Deadline of one app's probe: a hanging app shows as unreachable, never slows the others. */
    PROBE_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1000),
    /** How long an app's OpenAPI document is served from memory before it is fetched again. */
    OPENAPI_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  })
  .loose()
  .superRefine((config, ctx) => {
    if (config.PROBE_TIMEOUT_MS >= config.POLL_INTERVAL_MS) {
      ctx.addIssue({ code: 'custom', path: ['PROBE_TIMEOUT_MS'], message: 'must be shorter than POLL_INTERVAL_MS' });
    }
    const known = new Set(config.PORTAL_APPS.map((app) => urlOverrideVariable(app.name)));
    for (const [key, value] of Object.entries(config)) {
      if (!URL_OVERRIDE.test(key)) continue;
      if (!known.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'names no configured app' });
      else if (!httpUrl.safeParse(value).success) ctx.addIssue({ code: 'custom', path: [key], message: 'an http(s) URL' });
    }
  })
  .transform(({ PORTAL_APPS, ...config }) => {
    const apps: WatchedApp[] = PORTAL_APPS.map((app) => {
      const override = config[urlOverrideVariable(app.name)];
      return typeof override === 'string' ? { ...app, url: override } : app;
    });
    return {
      NODE_ENV: config.NODE_ENV,
      HOST: config.HOST,
      LOG_LEVEL: config.LOG_LEVEL,
      SHUTDOWN_TIMEOUT_MS: config.SHUTDOWN_TIMEOUT_MS,
      BODY_LIMIT: config.BODY_LIMIT,
      PORT: config.PORT,
      POLL_INTERVAL_MS: config.POLL_INTERVAL_MS,
      PROBE_TIMEOUT_MS: config.PROBE_TIMEOUT_MS,
      OPENAPI_CACHE_MS: config.OPENAPI_CACHE_MS,
      SERVICE_TOKEN_SECRET: config.SERVICE_TOKEN_SECRET,
      SERVICE_TOKEN_PREVIOUS_SECRET: config.SERVICE_TOKEN_PREVIOUS_SECRET,
      SERVICE_TOKEN_TTL_SECONDS: config.SERVICE_TOKEN_TTL_SECONDS,
      apps,
    };
  });

export type Config = z.output<typeof configSchema>;
