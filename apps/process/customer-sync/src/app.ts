import { Router } from 'express';
import { Logger } from '@strata/logging';
import { createServiceApp, ServiceApp } from '@strata/service-kit';

export interface Deps {
  logger: Logger;
  production?: boolean;
}

/** Builds process-customer-sync; never listens and never reads the environment. */
export function createApp(deps: Deps): ServiceApp {
  return createServiceApp({ name: 'process-customer-sync', logger: deps.logger, production: deps.production, routes: Router() });
}
