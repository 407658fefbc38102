import { parseConfig } from '@strata/service-kit';
import { configSchema } from './config';

const hash = 'scrypt$16384$c2FsdA$aGFzaA';
/** The one setting without a default: the service token secret. */
const SECRET = { SERVICE_TOKEN_SECRET: 'x'.repeat(32) };

describe('experience-mobile config', () => {
  it('starts in development without an identity provider or clients', () => {
    const result = parseConfig(configSchema, SECRET);
    expect(result.ok && result.config).toMatchObject({ PORT: 8081, CUSTOMER_SYNC_URL: 'http://127.0.0.1:8181', JWT_CUSTOMER_KEY_CLAIM: 'customer_key', API_CLIENTS: [] });
  });

  it('refuses production without JWKS_URL and JWT_ISSUER, and reports every problem at once', () => {
    const result = parseConfig(configSchema, { ...SECRET, NODE_ENV: 'production', API_CLIENTS: `[{"id":"ios","secretHash":"${hash}","tier":"gold"}]`, REDIS_URL: 'http://x' });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems.join('\n');
    expect(problems).toMatch(/JWKS_URL/);
    expect(problems).toMatch(/JWT_ISSUER/);
    expect(problems).toMatch(/REDIS_URL/);
  });

  it('refuses clients with a plain secret or an unknown tier', () => {
    const plain = parseConfig(configSchema, { ...SECRET, API_CLIENTS: '[{"id":"ios","secretHash":"hunter2","tier":"standard"}]' });
    expect(plain.ok).toBe(false);
    const tier = parseConfig(configSchema, { ...SECRET, API_CLIENTS: `[{"id":"ios","secretHash":"${hash}","tier":"gold"}]` });
    expect(tier.ok ? [] : tier.problems.join('\n')).toMatch(/no SLA tier named gold/);
  });

  it('refuses to start without the service token secret, or with a short one, saying how to make one', () => {
    const missing = parseConfig(configSchema, {});
    expect(missing.ok ? [] : missing.problems).toEqual([expect.stringMatching(/^SERVICE_TOKEN_SECRET: required: .*openssl rand/)]);
    const short = parseConfig(configSchema, { SERVICE_TOKEN_SECRET: 'too-short' });
    expect(short.ok ? [] : short.problems).toEqual([expect.stringMatching(/^SERVICE_TOKEN_SECRET: at least 32 characters/)]);
  });

  it('bounds customer-sync calls with a bulkhead and a breaker reset by default, and names a bad bulkhead size', () => {
    const defaults = parseConfig(configSchema, SECRET);
    expect(defaults.ok && defaults.config).toMatchObject({ CUSTOMER_SYNC_MAX_CONCURRENT: 64, CUSTOMER_SYNC_BREAKER_RESET_MS: 5000 });
    const zero = parseConfig(configSchema, { ...SECRET, CUSTOMER_SYNC_MAX_CONCURRENT: '0' });
    expect(zero.ok ? [] : zero.problems.join('\n')).toMatch(/CUSTOMER_SYNC_MAX_CONCURRENT/);
  });
});
