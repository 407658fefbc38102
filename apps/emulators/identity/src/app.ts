import type { Logger } from '@strata/logging';
import { createServiceApp, type ServiceApp } from '@strata/service-kit';
import { adminRouter } from './admin/admin.router';
import { discoveryRouter } from './discovery/discovery.router';
import type { SigningKeys } from './keys/signing-keys';
import type { OAuthClient } from './oauth/clients';
import { tokenRouter } from './oauth/token.router';
import type { UserDirectory } from './users/user-directory';

export interface Deps {
  logger: Logger;
  /** The `iss` of every token, and the base URL of the endpoints the discovery document names. */
  issuer: string;
  clients: readonly OAuthClient[];
  users: UserDirectory;
  keys: SigningKeys;
  tokenTtlSeconds: number;
  production?: boolean;
}

/**
 * The local identity provider: OpenID Connect discovery, the JWKS and the OAuth token
 * endpoint for the Experience APIs' users, plus `/__admin` (key rotation, user
 * registration), on top of the platform endpoints every Strata app has. Builds only;
 * never listens and never reads the environment.
 */
export function createApp(deps: Deps): ServiceApp {
  const issuer = deps.issuer.replace(/\/+$/, '');
  return createServiceApp({
    name: 'emulators-identity',
    logger: deps.logger,
    production: deps.production,
    routes: [
      discoveryRouter({ issuer, clients: deps.clients, keys: deps.keys }),
      tokenRouter({ issuer, ttlSeconds: deps.tokenTtlSeconds, clients: deps.clients, users: deps.users, keys: deps.keys, logger: deps.logger }),
      adminRouter({ keys: deps.keys, users: deps.users, logger: deps.logger }),
    ],
  });
}
