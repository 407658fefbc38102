import { z } from 'zod';
import { UnauthorizedError } from '@strata/errors';
import { createLogger } from '@strata/logging';
import { createEdgeSecurity } from './edge-runtime';
import { checkEdgeSecurityConfig, edgeSecuritySettings } from './edge-settings';

const schema = z.object({ NODE_ENV: z.string().default('development'), ...edgeSecuritySettings({ audience: 'strata-test', rateLimitKeyPrefix: 'test:' }) }).superRefine(checkEdgeSecurityConfig);
const problems = (env: Record<string, string>) => {
  const result = schema.safeParse(env);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('edge security settings', () => {
  it("default to the API's audience, no clients and in-memory counters", () => {
    expect(schema.parse({})).toMatchObject({ JWT_AUDIENCE: 'strata-test', API_CLIENTS: [], RATE_LIMIT_KEY_PREFIX: 'test:' });
  });

  it('need an identity provider in production and a known tier for every client', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual(['JWKS_URL: required in production', 'JWT_ISSUER: required in production']);
    expect(problems({ API_CLIENTS: '[{"id":"web","secretHash":"scrypt$16384$c2FsdA$aGFzaA","tier":"gold"}]' })).toEqual(['API_CLIENTS: client web: no SLA tier named gold']);
  });

  it('without an identity provider, build an edge that refuses every token (development only)', async () => {
    const edge = createEdgeSecurity(schema.parse({}), createLogger({ service: 'test', silent: true }));
    await expect(edge.tokens.verify('anything')).rejects.toBeInstanceOf(UnauthorizedError);
    expect(edge.closeables).toEqual([]);
    expect(edge.rateLimits.length).toBeGreaterThan(0);
  });
});
