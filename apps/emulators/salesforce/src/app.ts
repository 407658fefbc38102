import { Router } from 'express';
import type { Logger } from '@strata/logging';
import { createServiceApp, ServiceApp } from '@strata/service-kit';
import { adminRouter } from './admin/admin.router';
import { FaultSwitches } from './admin/fault-switches';
import { AuthConfig, createOAuthRouter, requireSession, SessionStore } from './auth';
import { CometdEndpoint, createCometdRouter } from './cdc/cometd.router';
import { ApiUsage } from './rest/api-usage';
import { restRouter } from './rest/rest.router';
import type { RecordStore } from './store/record-store';

export interface Deps {
  logger: Logger;
  store: RecordStore;
  sessions: SessionStore;
  auth: AuthConfig;
  cometdTimeoutMs?: number;
  retentionMs?: number;
  production?: boolean;
}

/** The emulator app plus its streaming endpoint, which shutdown must close. */
export interface EmulatorApp extends ServiceApp {
  cometd: CometdEndpoint;
  faults: FaultSwitches;
}

/**
 * The local Salesforce org: OAuth, REST (sObjects, SOQL, collections, limits), CDC over
 * CometD, and `/__admin` fault switches, on top of the platform endpoints every Strata
 * app has. Builds only; never listens and never reads the environment.
 */
export function createApp(deps: Deps): EmulatorApp {
  const faults = new FaultSwitches();
  const usage = new ApiUsage(() => faults.settings.dailyApiLimit);
  const cometd = createCometdRouter({
    log: deps.store.changeLog,
    sessions: deps.sessions,
    logger: deps.logger,
    connectTimeoutMs: deps.cometdTimeoutMs,
    retentionMs: deps.retentionMs,
    isKnownEntity: (name) => deps.store.schema.objects.some((o) => o.name === name),
  });
  const oauth = createOAuthRouter({ config: deps.auth, sessions: deps.sessions, logger: deps.logger });
  const admin = adminRouter({
    faults,
    usage,
    store: deps.store,
    expireAllSessions: async () => void (await deps.sessions.expireAll()),
    dropStreamingClients: () => cometd.dropAllClients(),
  });
  const rest = restRouter({ store: deps.store, usage, faults, requireSession: requireSession(deps.sessions) });
  const service = createServiceApp({
    name: 'emulators-salesforce',
    logger: deps.logger,
    production: deps.production,
    bodyLimit: '10mb',
    before: [oauth, cometd.router],
    routes: [rest, admin, Router()],
  });
  return { ...service, cometd, faults };
}
