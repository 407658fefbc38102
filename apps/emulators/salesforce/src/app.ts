import { Router } from 'express';
import { Logger } from '@strata/logging';
import { createServiceApp, ServiceApp } from '@strata/service-kit';

export interface Deps {
  logger: Logger;
  production?: boolean;
}

/**
 * The local Salesforce org. This first step serves the platform endpoints (health,
 * metrics); the Salesforce surface (OAuth, SOQL, REST, CDC) is being added feature by
 * feature under `src/`.
 */
export function createApp(deps: Deps): ServiceApp {
  return createServiceApp({
    name: 'emulators-salesforce',
    logger: deps.logger,
    production: deps.production,
    routes: Router(),
  });
}
