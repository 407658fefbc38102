import { readFile } from 'node:fs/promises';
import { createLogger } from '@strata/logging';
import { loadConfig, startService } from '@strata/service-kit';
import { createApp } from './app';
import { configSchema, type Config } from './config';
import { SigningKeys } from './keys/signing-keys';
import { UserDirectory } from './users/user-directory';
import { usersSchema, type User } from './users/user.schema';

/** The environment's users and the file's, refusing to start when the file does not fit the schema. */
async function configuredUsers(config: Config): Promise<User[]> {
  if (!config.IDENTITY_USERS_FILE) return config.IDENTITY_USERS;
  const fromFile = usersSchema.safeParse(JSON.parse(await readFile(config.IDENTITY_USERS_FILE, 'utf8')));
  if (!fromFile.success) throw new Error(`IDENTITY_USERS_FILE: ${fromFile.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return [...config.IDENTITY_USERS, ...fromFile.data];
}

async function main(): Promise<void> {
  const config = loadConfig(configSchema, process.env, 'emulators-identity');
  const logger = createLogger({ service: 'emulators-identity', level: config.LOG_LEVEL, personalDataFields: ['username', 'name'] });
  const keys = await SigningKeys.open(config.DATA_DIR, { kept: config.SIGNING_KEYS_KEPT });
  if (config.ROTATE_SIGNING_KEY) logger.info('signing key rotated at start-up', { kid: await keys.rotate() });
  const users = await UserDirectory.open(await configuredUsers(config), config.DATA_DIR);
  const issuer = config.ISSUER ?? `http://127.0.0.1:${config.PORT}`;
  const service = createApp({ logger, issuer, clients: config.IDENTITY_CLIENTS, users, keys, tokenTtlSeconds: config.TOKEN_TTL_SECONDS, production: config.NODE_ENV === 'production' });
  logger.info('identity provider configured', { issuer, signingKey: keys.signingKey().kid, users: users.list().length });
  await startService(service, { port: config.PORT, host: config.HOST, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS, handleSignals: true });
}

main().catch((error: Error) => {
  process.stderr.write(`emulators-identity: ${error.message}\n`);
  process.exit(1);
});
