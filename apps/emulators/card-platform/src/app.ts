import { Router } from 'express';
import { Logger } from '@strata/logging';
import { createServiceApp, ServiceApp } from '@strata/service-kit';

export interface Deps {
  logger: Logger;
  production?: boolean;
}

/** Builds emulators-card-platform; never listens and never reads the environment. */
export function createApp(deps: Deps): ServiceApp {
  return createServiceApp({ name: 'emulators-card-platform', logger: deps.logger, production: deps.production, routes: Router() });
}
