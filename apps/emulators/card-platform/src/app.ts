import type { Logger } from '@strata/logging';
import { createServiceApp, type ServiceApp } from '@strata/service-kit';
import { adminRouter } from './admin/admin.router';
import { FaultSwitches } from './admin/fault-switches';
import { soapEndpoint } from './soap/soap.endpoint';
import type { CardholderStore } from './store/cardholder.store';

export interface Deps {
  logger: Logger;
  store: CardholderStore;
  /** Empties the store and loads the configured seed again (`/__admin/reset`). */
  reseed: () => Promise<number>;
  production?: boolean;
}

/** The emulator app plus its fault switches, which in-process tests flip directly. */
export interface EmulatorApp extends ServiceApp {
  faults: FaultSwitches;
}

/**
 * The local card platform: the SOAP 1.1 cardholder service with its WSDL at
 * `/cardholders/v1?wsdl`, and `/__admin` switches, on top of the platform endpoints
 * every Strata app has. Builds only; never listens and never reads the environment.
 */
export function createApp(deps: Deps): EmulatorApp {
  const faults = new FaultSwitches();
  const service = createServiceApp({
    name: 'emulators-card-platform',
    logger: deps.logger,
    production: deps.production,
    bodyLimit: '1mb',
    routes: [soapEndpoint({ store: deps.store, faults, logger: deps.logger }), adminRouter({ faults, store: deps.store, reseed: deps.reseed })],
  });
  return { ...service, faults };
}
