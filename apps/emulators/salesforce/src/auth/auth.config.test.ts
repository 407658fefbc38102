import { ValidationError } from '@strata/errors';
import { DEFAULT_SESSION_LIFETIME_MS, resolveAuthConfig, type AuthConfigInput } from './auth.config';
import { TEST_CERTIFICATE_PEM, TEST_CREDENTIALS } from './__fixtures__/test-org';

const input: AuthConfigInput = { ...TEST_CREDENTIALS, instanceUrl: 'http://127.0.0.1:8381/' };

describe('resolveAuthConfig', () => {
  it('fills defaults and drops the trailing slash jsforce would otherwise double', () => {
    const config = resolveAuthConfig({ ...input, jwtCertificatePem: TEST_CERTIFICATE_PEM });
    expect(config).toMatchObject({
      instanceUrl: 'http://127.0.0.1:8381',
      loginUrl: 'http://127.0.0.1:8381',
      sessionLifetimeMs: DEFAULT_SESSION_LIFETIME_MS,
      displayName: TEST_CREDENTIALS.username,
    });
    expect(DEFAULT_SESSION_LIFETIME_MS).toBe(2 * 60 * 60 * 1000);
  });

  it('reports every bad field at once', () => {
    const bad = { ...input, userId: '001000000000001AAA', orgId: 'nope', clientSecret: '', instanceUrl: 'localhost', sessionLifetimeMs: 10, jwtCertificatePem: 'not a pem' };
    let thrown: unknown;
    try {
      resolveAuthConfig(bad);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    const paths = (thrown as ValidationError).fieldErrors.map((e) => e.path).sort();
    expect(paths).toEqual(['clientSecret', 'instanceUrl', 'jwtCertificatePem', 'loginUrl', 'orgId', 'sessionLifetimeMs', 'userId']);
  });
});
