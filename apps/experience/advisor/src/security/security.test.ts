/** Consumer security at the advisor's edge: the calling app, the staff member's token, the route's scope, the tier's limit. */
import request from 'supertest';
import { CLIENT, startAdvisorApp } from '../__fixtures__/advisor-app.harness';
import { goldenRecord } from '../__fixtures__/customer-sync.fake';

type Advisor = Awaited<ReturnType<typeof startAdvisorApp>>;
let advisor: Advisor;
const ADA = 'CK-100001';

beforeAll(async () => {
  advisor = await startAdvisorApp();
  advisor.customerSync.state.records.set(ADA, goldenRecord(ADA));
}, 60_000);
afterAll(() => advisor.close());
beforeEach(() => {
  advisor.customerSync.state.calls.length = 0;
});

describe('tokens', () => {
  it('refuses a missing token with 401 problem+json and WWW-Authenticate: Bearer', async () => {
    const res = await request(advisor.app).get(`/v1/customers/${ADA}`).set(CLIENT);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('refuses expired, wrong-audience (a mobile token), wrongly signed and foreign-issuer tokens with 401, calling nobody', async () => {
    const tokens = [
      await advisor.as('staff-1', undefined, { expiresIn: -120 }),
      await advisor.as('staff-1', undefined, { audience: 'strata-mobile' }),
      await advisor.as('staff-1', undefined, { foreignKey: true }),
      await advisor.as('staff-1', undefined, { issuer: 'https://evil.example/' }),
    ];
    for (const headers of tokens) {
      const res = await request(advisor.app).get(`/v1/customers/${ADA}`).set(headers);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/error="invalid_token"/);
    }
    expect(advisor.customerSync.state.calls).toEqual([]);
    expect((await advisor.audit.list({ limit: 10 })).items).toEqual([]);
  });

  it('refuses a missing or wrong API key with 401 before looking at the token', async () => {
    const { authorization } = await advisor.as('staff-1');
    const none = await request(advisor.app).get(`/v1/customers/${ADA}`).set('authorization', authorization);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^ApiKey/);
    const wrong = await request(advisor.app).get(`/v1/customers/${ADA}`).set({ ...CLIENT, 'x-client-secret': 'guess', authorization });
    expect(wrong.status).toBe(401);
  });
});

describe('scopes', () => {
  it.each([
    ['get', `/v1/customers/${ADA}`, 'advisor:read', 'advisor:reconcile advisor:audit'],
    ['get', '/v1/sync-health', 'advisor:read', 'advisor:audit'],
    ['post', '/v1/reconciliations', 'advisor:reconcile', 'advisor:read advisor:audit'],
    ['post', '/v1/reviews/1/decision', 'advisor:reconcile', 'advisor:read'],
    ['get', '/v1/audit-events', 'advisor:audit', 'advisor:read advisor:reconcile'],
  ])('%s %s needs %s: 403 problem+json naming it, before validation and without calling customer-sync', async (method, path, needed, granted) => {
    const headers = await advisor.as('staff-1', granted);
    const res = await request(advisor.app)[method as 'get' | 'post'](path).set(headers).send({ not: 'valid' });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.details).toEqual({ requiredScope: needed });
    expect(advisor.customerSync.state.calls).toEqual([]);
  });

  it('lets a mobile customer token with customer scopes do nothing here', async () => {
    const res = await request(advisor.app).get('/v1/customers').set(await advisor.as('CK-100001', 'customer:read customer:write'));
    expect(res.status).toBe(403);
  });
});

describe('rate limits', () => {
  it('limits the web app to its SLA tier: 429 problem+json with RateLimit headers and Retry-After', async () => {
    const limited = await startAdvisorApp({ tier: { requestsPerMinute: 2, burst: 10 } });
    try {
      const headers = await limited.as('staff-1');
      for (let i = 0; i < 2; i++) {
        const ok = await request(limited.app).get('/v1/sync-health').set(headers);
        expect(ok.status).toBe(200);
        expect(ok.headers['ratelimit-policy']).toMatch(/"standard-minute"; q=2; w=60/);
      }
      const refused = await request(limited.app).get('/v1/sync-health').set(headers);
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.headers['ratelimit']).toMatch(/"standard-minute"; r=0/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.customerSync.state.calls).toHaveLength(2);
    } finally {
      await limited.close();
    }
  }, 60_000);
});
