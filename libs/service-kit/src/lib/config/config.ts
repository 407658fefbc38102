import { z } from 'zod';

/**
 * Settings every Strata app reads. Apps extend this schema with their own
 * (`baseConfigSchema.extend({ DATABASE_URL: ... })`) so every service is configured the
 * same way and refuses to start on a bad value instead of failing at the first request.
 */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'debug']).default('info'),
  /** Longest a graceful shutdown waits for in-flight requests before cutting them. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** Largest JSON body accepted, in the `bytes` package's notation (`100kb`, `1mb`). */
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'use a size like 100kb or 1mb').default('100kb'),
});

/** A port with the app's own default, so the landscape, compose file and tests agree. */
export function portSetting(defaultPort: number) {
  return z.coerce.number().int().min(1).max(65_535).default(defaultPort);
}

/**
 * DATABASE_URL: where an app keeps its state on PostgreSQL (replicas share it); unset,
 * the app uses PGlite under its DATA_DIR. One definition, so every app refuses the same
 * way a URL that is not postgres://.
 */
export function databaseUrlSetting() {
  return z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional();
}

/**
 * A setting holding JSON (a list of clients, a table of tiers), parsed and then checked
 * by `schema`, so a malformed one is reported with every other problem at start-up.
 */
export function jsonSetting<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

export type BaseConfig = z.output<typeof baseConfigSchema>;

export type ConfigResult<T> = { ok: true; config: T } | { ok: false; problems: string[] };

/** Parses the environment and lists every problem at once, never just the first. */
export function parseConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): ConfigResult<z.output<S>> {
  const result = schema.safeParse(env);
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  };
}

/**
 * Loads config for `main.ts`: on any problem prints each one to stderr and exits with
 * status 78 (EX_CONFIG) before the app listens, so a misconfigured deployment fails at
 * once and says why. Secrets are never echoed: only variable names and messages.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
  service = 'service',
): z.output<S> {
  const result = parseConfig(schema, env);
  if (result.ok) return result.config;
  process.stderr.write(`${service}: invalid configuration, refusing to start:\n`);
  for (const problem of result.problems) process.stderr.write(`  - ${problem}\n`);
  process.exit(78);
}
