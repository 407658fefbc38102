import { z } from 'zod';
import { MIN_SECRET_LENGTH } from './service-token';
import { createServiceTokenIssuer, type ServiceTokenIssuer } from './service-token-issuer';
import { createServiceTokenVerifier, type ServiceTokenVerifier } from './service-token-verifier';

const HOW = 'for example: openssl rand -base64 32';
const secret = z
  .string({ error: (issue) => (issue.input === undefined ? `required: the secret shared by the Strata services (${HOW})` : 'must be a string') })
  .min(MIN_SECRET_LENGTH, `at least ${MIN_SECRET_LENGTH} characters (${HOW})`);

/**
 * The settings every app that calls or answers other Strata services reads; spread into
 * its config schema (`baseConfigSchema.extend({ ...serviceTokenSettings, ... })`).
 * There is deliberately no default secret: a default would be a published key to every
 * API behind the edge. `npm start`, docker-compose and the test harnesses set one.
 */
export const serviceTokenSettings = {
  /** Signs the tokens this service sends and verifies the ones it receives. */
  SERVICE_TOKEN_SECRET: secret,
  /** The secret being rotated out: still accepted, never used to sign. */
  SERVICE_TOKEN_PREVIOUS_SECRET: secret.optional(),
  /** Lifetime of the tokens this service mints. */
  SERVICE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10).max(600).default(120),
};

export interface ServiceTokenConfig {
  SERVICE_TOKEN_SECRET: string;
  SERVICE_TOKEN_PREVIOUS_SECRET?: string;
  SERVICE_TOKEN_TTL_SECONDS: number;
}

/** The issuer (for outgoing calls) and verifier (for incoming ones) of service `service`. */
export function serviceTokensFromConfig(config: ServiceTokenConfig, service: string): { issuer: ServiceTokenIssuer; verifier: ServiceTokenVerifier } {
  return {
    issuer: createServiceTokenIssuer({ secret: config.SERVICE_TOKEN_SECRET, service, ttlSeconds: config.SERVICE_TOKEN_TTL_SECONDS }),
    verifier: createServiceTokenVerifier({
      secrets: [config.SERVICE_TOKEN_SECRET, config.SERVICE_TOKEN_PREVIOUS_SECRET ?? ''],
      audience: service,
    }),
  };
}
