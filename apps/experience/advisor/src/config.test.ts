import { parseConfig } from '@strata/service-kit';
import { configSchema } from './config';

const hash = 'scrypt$16384$c2FsdA$aGFzaA';
/** The one setting without a default: the advisor calls customer-sync with a service token. */
const SECRET = { SERVICE_TOKEN_SECRET: 'x'.repeat(32) };

describe('experience-advisor config', () => {
  it('starts in development without an identity provider, with the advisor audience and a local audit store', () => {
    const result = parseConfig(configSchema, SECRET);
    expect(result.ok && result.config).toMatchObject({ PORT: 8082, CUSTOMER_SYNC_URL: 'http://127.0.0.1:8181', JWT_AUDIENCE: 'strata-advisor', API_CLIENTS: [], DATA_DIR: '.data/experience/advisor' });
  });

  it('refuses production without JWKS_URL and JWT_ISSUER, and reports every problem at once', () => {
    const result = parseConfig(configSchema, { ...SECRET, NODE_ENV: 'production', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://x' });
    const problems = result.ok ? '' : result.problems.join('\n');
    expect(problems).toMatch(/JWKS_URL/);
    expect(problems).toMatch(/JWT_ISSUER/);
    expect(problems).toMatch(/DATABASE_URL/);
    expect(problems).toMatch(/REDIS_URL/);
  });

  it('refuses clients with a plain secret, an unknown tier, or API_CLIENTS that is not JSON', () => {
    expect(parseConfig(configSchema, { ...SECRET, API_CLIENTS: '[{"id":"web","secretHash":"hunter2","tier":"standard"}]' }).ok).toBe(false);
    const tier = parseConfig(configSchema, { ...SECRET, API_CLIENTS: `[{"id":"web","secretHash":"${hash}","tier":"gold"}]` });
    expect(tier.ok ? '' : tier.problems.join('\n')).toMatch(/no SLA tier named gold/);
    const json = parseConfig(configSchema, { ...SECRET, API_CLIENTS: '[{' });
    expect(json.ok ? '' : json.problems.join('\n')).toMatch(/API_CLIENTS.*not valid JSON/);
  });

  it('bounds customer-sync calls with a bulkhead and a breaker reset by default, and names a bad bulkhead size', () => {
    const defaults = parseConfig(configSchema, SECRET);
    // 2 s per attempt, like mobile: a hanging customer-sync opens the breaker within 3 s (customer-sync fits the 360 inside it).
    expect(defaults.ok && defaults.config).toMatchObject({ CUSTOMER_SYNC_MAX_CONCURRENT: 64, CUSTOMER_SYNC_BREAKER_RESET_MS: 5000, CUSTOMER_SYNC_TIMEOUT_MS: 2000 });
    const zero = parseConfig(configSchema, { ...SECRET, CUSTOMER_SYNC_MAX_CONCURRENT: '0' });
    expect(zero.ok ? [] : zero.problems.join('\n')).toMatch(/CUSTOMER_SYNC_MAX_CONCURRENT/);
  });
});
