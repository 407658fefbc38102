import { z } from 'zod';
import { baseConfigSchema, jsonSetting, portSetting } from '@strata/service-kit';
import { clientsSchema, DEFAULT_CLIENTS } from './oauth/clients';
import { usersSchema } from './users/user.schema';

/**
 * The identity emulator's settings. Every one has a default, so it starts with no
 * environment at all (two clients, no users); `npm start` passes the demo users.
 */
export const configSchema = baseConfigSchema.extend({
  PORT: portSetting(8385),
  /** Folder of the signing keys and of users registered through `/__admin`; both survive restarts. */
  DATA_DIR: z.string().min(1).default('.data/emulators/identity'),
  /** The `iss` of every token and the base of every URL in the discovery document; default http://127.0.0.1:<PORT>. */
  ISSUER: z.url().optional(),
  /** JSON `[{ username, passwordHash, subject?, scopes, customerKey?, name? }]`, hashes from `hashApiKey`. */
  IDENTITY_USERS: jsonSetting(usersSchema).default([]),
  /** A file holding the same JSON, for users kept with a deployment rather than in its environment. */
  IDENTITY_USERS_FILE: z.string().min(1).optional(),
  /** JSON `[{ id, scopes }]`: the apps users sign in to; a token's `aud` is its client's id. */
  IDENTITY_CLIENTS: jsonSetting(clientsSchema).default(DEFAULT_CLIENTS),
  /** Lifetime of an access token. */
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(3600),
  /** `true`: add a new signing key at start-up (the previous ones stay published). */
  ROTATE_SIGNING_KEY: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  /** How many signing keys stay published after a rotation (the newest signs). */
  SIGNING_KEYS_KEPT: z.coerce.number().int().min(1).max(20).default(3),
});

export type Config = z.output<typeof configSchema>;
