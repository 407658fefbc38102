import path from 'node:path';
import { Registry } from 'prom-client';
import swaggerUiDir from 'swagger-ui-dist/absolute-path.js';
import { createApp } from '../app';
import { createAppClients, type AppClientsOptions } from '../landscape/app-clients';
import { probeApp } from '../landscape/app-probe';
import { LandscapePoller } from '../landscape/landscape.poller';
import type { WatchedApp } from '../landscape/watched-app.schema';
import { silentLogger } from './fake-apps';

export interface HarnessOptions {
  probeTimeoutMs?: number;
  openApiCacheMs?: number;
  getServiceToken?: AppClientsOptions['getServiceToken'];
}

/** A watched app entry with the schema's defaults. */
export const watched = (name: string, layer: WatchedApp['layer'], url: string, extra: Partial<WatchedApp> = {}): WatchedApp => ({ name, layer, url, calls: [], syncStatus: false, ...extra });

/**
 * The portal as main builds it (real clients, real poller, real routes) over the given
 * apps, without listening or polling on its own: tests call `poller.pollOnce()`.
 */
export function buildPortal(apps: WatchedApp[], options: HarnessOptions = {}) {
  const logger = silentLogger();
  const timeoutMs = options.probeTimeoutMs ?? 300;
  const clients = createAppClients({ apps, timeoutMs, resetTimeoutMs: 1000, logger, registry: new Registry(), getServiceToken: options.getServiceToken });
  const poller = new LandscapePoller({
    apps,
    probe: (app) => {
      const client = clients.get(app.name);
      return client ? probeApp(client) : Promise.reject(new Error(`no client for ${app.name}`));
    },
    intervalMs: 1000,
    deadlineMs: timeoutMs + 300,
    logger,
  });
  const service = createApp({
    logger,
    apps,
    clients,
    landscape: () => poller.snapshot(),
    openApiCacheMs: options.openApiCacheMs ?? 60_000,
    publicDir: path.join(__dirname, '../public'),
    swaggerUiDir: swaggerUiDir(),
  });
  return {
    app: service.app,
    poller,
    close: async () => {
      await poller.stop();
      await Promise.all([...clients.values()].map((client) => client.http.shutdown()));
    },
  };
}
