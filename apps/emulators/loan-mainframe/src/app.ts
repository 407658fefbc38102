import { Router } from 'express';
import { Logger } from '@strata/logging';
import { createServiceApp, ServiceApp } from '@strata/service-kit';

export interface Deps {
  logger: Logger;
  production?: boolean;
}

/** Builds emulators-loan-mainframe; never listens and never reads the environment. */
export function createApp(deps: Deps): ServiceApp {
  return createServiceApp({ name: 'emulators-loan-mainframe', logger: deps.logger, production: deps.production, routes: Router() });
}
