import type { BreakerState } from '@strata/service-kit';
import type { CustomerSyncClient } from './customer-sync.client';
import type { Layer } from './watched-app.schema';

/**
 * An app as the portal last saw it. `ready`, `degraded` (ready, a breaker not closed),
 * `not-ready` and `shutting-down` are the app's own words from `/health/ready`;
 * `unreachable` means no answer (refused, reset, or none within the probe timeout);
 * `unknown` means not probed yet.
 */
export type AppStatus = 'unknown' | 'ready' | 'degraded' | 'not-ready' | 'shutting-down' | 'unreachable';

export type SyncHealth = Awaited<ReturnType<CustomerSyncClient['getSyncHealth']>>;

export interface AppState {
  name: string;
  layer: Layer;
  url: string;
  calls: string[];
  status: AppStatus;
  /** Why it is not ready or unreachable, in the probe's words. */
  error: string | null;
  checkedAt: string | null;
  latencyMs: number | null;
  checks: Record<string, { status: 'up' | 'down'; error?: string }>;
  breakers: BreakerState[];
  /** Only for apps with `syncStatus`: the sync's health, or why it could not be read. */
  sync?: { health: SyncHealth | null; error: string | null };
}

/** The whole landscape, as `GET /api/landscape` answers it. */
export interface LandscapeView {
  /** When the latest round finished (null before the first). */
  polledAt: string | null;
  pollIntervalMs: number;
  apps: AppState[];
}
