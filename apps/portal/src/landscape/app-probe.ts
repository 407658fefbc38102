import { UpstreamUnavailableError } from '@strata/errors';
import { z } from 'zod';
import type { AppClient } from './app-clients';
import type { AppState, AppStatus } from './app-state';

/** `/health/ready` as service-kit answers it; read leniently so an older app still shows. */
const readyBodySchema = z.object({
  status: z.enum(['ready', 'degraded', 'not-ready', 'shutting-down']),
  checks: z.record(z.string(), z.object({ status: z.enum(['up', 'down']), error: z.string().optional() })).default({}),
  breakers: z.array(z.object({ name: z.string(), state: z.enum(['closed', 'open', 'half-open']) })).default([]),
});

/** The probe's failure in words for the page; an open breaker says what it means here. */
function message(error: unknown): string {
  if (error instanceof UpstreamUnavailableError && error.reason === 'breaker-open') {
    return `no answer in the last rounds; probing again within ${error.retryAfterSeconds ?? 1} s`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Refused, reset, timed out or cut off by the breaker: the app did not answer at all. */
const noAnswer = (error: unknown) => error instanceof UpstreamUnavailableError && error.reason !== 'server-error';

type Health = Pick<AppState, 'status' | 'error' | 'checks' | 'breakers'>;

async function readHealth(client: AppClient): Promise<Health> {
  try {
    const response = await client.http.request({ method: 'GET', path: '/health/ready', acceptStatus: (s) => s === 200 || s === 503 });
    const body = readyBodySchema.safeParse(response.body);
    if (!body.success) return { status: response.status === 200 ? 'ready' : 'not-ready', error: 'answered /health/ready in an unknown shape', checks: {}, breakers: [] };
    const failing = Object.entries(body.data.checks).filter(([, check]) => check.status === 'down');
    const error = failing.length ? failing.map(([name, check]) => `${name}: ${check.error ?? 'down'}`).join('; ') : null;
    return { status: body.data.status, error, checks: body.data.checks, breakers: body.data.breakers };
  } catch (error) {
    const status: AppStatus = noAnswer(error) ? 'unreachable' : 'not-ready';
    return { status, error: message(error), checks: {}, breakers: [] };
  }
}

async function readSync(client: AppClient): Promise<AppState['sync']> {
  if (!client.customerSync) return undefined;
  try {
    return { health: await client.customerSync.getSyncHealth(), error: null };
  } catch (error) {
    return { health: null, error: message(error) };
  }
}

/**
 * Probes one app: its readiness (with checks and breakers) and, for customer-sync, its
 * sync health, both at once. Never rejects: every failure becomes a state to show.
 */
export async function probeApp(client: AppClient, now: () => number = Date.now): Promise<AppState> {
  const { app } = client;
  const started = now();
  const [health, sync] = await Promise.all([readHealth(client), readSync(client)]);
  return {
    name: app.name,
    layer: app.layer,
    url: app.url,
    calls: app.calls,
    ...health,
    checkedAt: new Date(now()).toISOString(),
    latencyMs: health.status === 'unreachable' ? null : now() - started,
    ...(sync ? { sync } : {}),
  };
}
