import type { Logger } from '@strata/logging';
import { createServiceApp, type HttpMetrics, type ServiceApp } from '@strata/service-kit';
import type { AppClient } from './landscape/app-clients';
import type { LandscapeView } from './landscape/app-state';
import { landscapeRoutes } from './landscape/landscape.routes';
import type { WatchedApp } from './landscape/watched-app.schema';
import { OpenApiCache } from './openapi/openapi.cache';
import { webRoutes } from './web/web.routes';

export interface Deps {
  logger: Logger;
  apps: WatchedApp[];
  /** One client per watched app (`createAppClients`); their breakers show in the portal's own readiness. */
  clients: ReadonlyMap<string, AppClient>;
  /** The latest round of the background poller. */
  landscape: () => LandscapeView;
  openApiCacheMs: number;
  publicDir: string;
  swaggerUiDir: string;
  metrics?: HttpMetrics;
  production?: boolean;
}

/**
 * Builds the portal; never listens, never reads the environment, never polls (main
 * starts the poller). It reads the other apps only over HTTP, through `deps.clients`.
 */
export function createApp(deps: Deps): ServiceApp {
  const http = new Map([...deps.clients].map(([name, client]) => [name, client.http] as const));
  return createServiceApp({
    name: 'portal',
    logger: deps.logger,
    production: deps.production,
    metrics: deps.metrics,
    breakers: () => [...http.values()].map((client) => client.snapshot()),
    routes: [
      landscapeRoutes({ apps: deps.apps, landscape: deps.landscape, openApi: new OpenApiCache(http, deps.openApiCacheMs) }),
      webRoutes({ publicDir: deps.publicDir, swaggerUiDir: deps.swaggerUiDir, appNames: new Set(deps.apps.map((app) => app.name)) }),
    ],
  });
}
