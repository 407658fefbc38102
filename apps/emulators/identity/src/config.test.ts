import { parseConfig } from '@strata/service-kit';
import { configSchema } from './config';

const hash = 'scrypt$16384$c2FsdA$aGFzaA';

describe('emulators-identity config', () => {
  it('starts with no environment: port 8385, the two Experience API clients, no users', () => {
    const result = parseConfig(configSchema, {});
    expect(result.ok && result.config).toMatchObject({ PORT: 8385, TOKEN_TTL_SECONDS: 3600, IDENTITY_USERS: [], ROTATE_SIGNING_KEY: false });
    expect(result.ok && result.config.IDENTITY_CLIENTS.map((c) => c.id)).toEqual(['strata-mobile', 'strata-advisor']);
  });

  it('reads users from IDENTITY_USERS and the rotation flag', () => {
    const users = JSON.stringify([{ username: 'ada', passwordHash: hash, scopes: ['customer:read'], customerKey: 'CK-000001' }]);
    const result = parseConfig(configSchema, { IDENTITY_USERS: users, ROTATE_SIGNING_KEY: 'true' });
    expect(result.ok && result.config).toMatchObject({ IDENTITY_USERS: [{ username: 'ada', customerKey: 'CK-000001' }], ROTATE_SIGNING_KEY: true });
  });

  it('refuses a password in clear, a malformed golden key and a user listed twice, naming each', () => {
    const users = JSON.stringify([
      { username: 'ada', passwordHash: 'hunter2', scopes: ['customer:read'] },
      { username: 'bob', passwordHash: hash, scopes: ['customer:read'], customerKey: '000001' },
      { username: 'bob', passwordHash: hash, scopes: ['customer:read'] },
    ]);
    const result = parseConfig(configSchema, { IDENTITY_USERS: users });
    expect(result.ok ? [] : result.problems.map((p) => p.split(':')[0]).sort()).toEqual(['IDENTITY_USERS.0.passwordHash', 'IDENTITY_USERS.1.customerKey', 'IDENTITY_USERS.2.username']);
  });
});
