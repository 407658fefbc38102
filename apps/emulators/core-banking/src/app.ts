import type { Logger } from '@strata/logging';
import { createServiceApp, ServiceApp } from '@strata/service-kit';
import { adminRouter } from './admin/admin.router';
import { FaultSwitches } from './admin/fault-switches';
import { partyRoutes } from './rest/parties.routes';
import type { PartyStore } from './store/party.store';

export interface Deps {
  logger: Logger;
  store: PartyStore;
  /** Empties the bank and seeds it as at start-up (`POST /__admin/reset`). */
  reset: () => Promise<void>;
  maxPageSize?: number;
  production?: boolean;
}

/** The emulator app plus its fault switches, which in-process tests flip directly. */
export interface EmulatorApp extends ServiceApp {
  faults: FaultSwitches;
}

/**
 * The local core-banking system: the bank's party API (its quirks included) and
 * `/__admin` fault switches, on top of the platform endpoints every Strata app has.
 * Builds only; never listens and never reads the environment.
 */
export function createApp(deps: Deps): EmulatorApp {
  const faults = new FaultSwitches();
  const service = createServiceApp({
    name: 'emulators-core-banking',
    logger: deps.logger,
    production: deps.production,
    checks: { store: async () => void (await deps.store.count()) },
    routes: [
      partyRoutes({ store: deps.store, faults, logger: deps.logger, maxPageSize: deps.maxPageSize ?? 100 }),
      adminRouter({ faults, reset: deps.reset }),
    ],
  });
  return { ...service, faults };
}
