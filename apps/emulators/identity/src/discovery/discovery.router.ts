import { Router } from 'express';
import type { SigningKeys } from '../keys/signing-keys';
import type { OAuthClient } from '../oauth/clients';

/**
 * The provider metadata (OpenID Connect Discovery 1.0) for what this provider really
 * does: the token endpoint with the password grant, public clients, ES256 keys. No
 * authorization endpoint is listed because there is none (no browser login here).
 */
export function discoveryDocument(issuer: string, clients: readonly OAuthClient[]) {
  return {
    issuer,
    token_endpoint: `${issuer}/oauth/token`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    grant_types_supported: ['password'],
    token_endpoint_auth_methods_supported: ['none'],
    scopes_supported: [...new Set(clients.flatMap((c) => c.scopes))],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['ES256'],
    claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'scope', 'client_id', 'customer_key', 'name'],
  };
}

/**
 * `/.well-known/openid-configuration` and `/.well-known/jwks.json`. The key set is read
 * on every request, so a rotation is published at once; verifiers may cache it a minute
 * (and refetch sooner on an unknown `kid`, as jose does).
 */
export function discoveryRouter(deps: { issuer: string; clients: readonly OAuthClient[]; keys: SigningKeys }): Router {
  const router = Router();
  const document = discoveryDocument(deps.issuer, deps.clients);
  router.get('/.well-known/openid-configuration', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(document);
  });
  router.get('/.well-known/jwks.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=60').json(deps.keys.jwks());
  });
  return router;
}
