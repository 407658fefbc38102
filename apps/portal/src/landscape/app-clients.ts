import { createHttpClient, type HttpClient, type HttpClientOptions } from '@strata/http-client';
import type { Logger } from '@strata/logging';
import type { Registry } from 'prom-client';
import { createCustomerSyncClient, type CustomerSyncClient } from './customer-sync.client';
import type { WatchedApp } from './watched-app.schema';

/** How the portal reaches one watched app: a plain client, plus the typed one for sync-status apps. */
export interface AppClient {
  app: WatchedApp;
  http: HttpClient;
  customerSync?: CustomerSyncClient;
}

export interface AppClientsOptions {
  apps: WatchedApp[];
  /** Deadline of one probe call. */
  timeoutMs: number;
  /** Time an open breaker waits before one probe: the poll interval, so a returning app is seen within a round or two. */
  resetTimeoutMs: number;
  logger: Logger;
  registry: Registry;
  /**
   * Service token for the apps whose sync status is read (Process APIs refuse `/v1/*`
   * without one). Never given to the other apps: their health and OpenAPI stay open.
   */
  getServiceToken?: HttpClientOptions['getServiceToken'];
}

/**
 * One client (one breaker) per watched app. Probes never retry: the next round is the
 * retry, and a retried probe would only make a hanging app cost more than its timeout.
 */
export function createAppClients(options: AppClientsOptions): Map<string, AppClient> {
  const clients = new Map<string, AppClient>();
  for (const app of options.apps) {
    const http = createHttpClient({
      name: app.name,
      baseUrl: app.url,
      timeoutMs: options.timeoutMs,
      resetTimeoutMs: options.resetTimeoutMs,
      retry: false,
      logger: options.logger,
      registry: options.registry,
      getServiceToken: app.syncStatus ? options.getServiceToken : undefined,
    });
    clients.set(app.name, { app, http, customerSync: app.syncStatus ? createCustomerSyncClient(http) : undefined });
  }
  return clients;
}
