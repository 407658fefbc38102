import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { hashApiKey } from '@strata/edge-security';
import { createLogger } from '@strata/logging';
import { createApp } from '../app';
import { SigningKeys } from '../keys/signing-keys';
import { DEFAULT_CLIENTS } from '../oauth/clients';
import { UserDirectory } from '../users/user-directory';
import type { User } from '../users/user.schema';

export const ISSUER = 'http://identity.test';

/** Demo users as the landscape configures them, with their passwords in clear for the tests to sign in with. */
export const PEOPLE = {
  customer: { username: 'ada.lovelace@example.test', password: 'ada-password-1', subject: 'usr-ada', scopes: ['customer:read', 'customer:write'], customerKey: 'CK-000001' },
  advisor: { username: 'grace', password: 'grace-password-1', subject: 'S-1001', scopes: ['advisor:read', 'advisor:reconcile'] },
  auditor: { username: 'alan', password: 'alan-password-1', subject: 'S-2001', scopes: ['advisor:read', 'advisor:audit'] },
};

async function configuredUsers(): Promise<User[]> {
  return Promise.all(Object.values(PEOPLE).map(async ({ password, ...user }) => ({ ...user, passwordHash: await hashApiKey(password) })));
}

/** A fresh data folder, removed by `removeDataDir`. */
export function makeDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'identity-'));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The emulator as `main` builds it, over `dataDir` (a new instance over the same
 * folder is a restart), with its log lines kept for inspection.
 */
export async function startIdentity(dataDir: string, options: { tokenTtlSeconds?: number } = {}) {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  const logger = createLogger({ service: 'emulators-identity', stream, personalDataFields: ['username', 'name'] });
  const keys = await SigningKeys.open(dataDir);
  const users = await UserDirectory.open(await configuredUsers(), dataDir);
  const service = createApp({ logger, issuer: ISSUER, clients: DEFAULT_CLIENTS, users, keys, tokenTtlSeconds: options.tokenTtlSeconds ?? 600, production: false });
  /** `POST /oauth/token` with a form body, the way an OAuth client sends it. */
  const token = (form: Record<string, string>) => request(service.app).post('/oauth/token').type('form').send(form);
  const passwordToken = (who: keyof typeof PEOPLE, clientId: string, extra: Record<string, string> = {}) =>
    token({ grant_type: 'password', client_id: clientId, username: PEOPLE[who].username, password: PEOPLE[who].password, ...extra });
  return { app: service.app, keys, token, passwordToken, logs: () => lines.join('') };
}
