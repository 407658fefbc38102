import request from 'supertest';
import { CLIENT, startMobileApp } from '../../__fixtures__/mobile-app.harness';
import { goldenRecord } from '../../__fixtures__/customer-sync.fake';

type Mobile = Awaited<ReturnType<typeof startMobileApp>>;
let mobile: Mobile;

beforeAll(async () => {
  mobile = await startMobileApp({ tier: { requestsPerMinute: 2, burst: 10 } });
  mobile.customerSync.records.set('CK-100001', goldenRecord('CK-100001'));
});
afterAll(() => mobile.close());

it("limits a calling app to its SLA tier: 429 problem+json with RateLimit headers and Retry-After, before any token check", async () => {
  const headers = { ...CLIENT, authorization: `Bearer ${await mobile.tokenFor('CK-100001')}` };
  for (let i = 0; i < 2; i++) {
    const ok = await request(mobile.app).get('/v1/me').set(headers);
    expect(ok.status).toBe(200);
    expect(ok.headers['ratelimit-policy']).toMatch(/"standard-minute"; q=2; w=60/);
  }
  const refused = await request(mobile.app).get('/v1/me').set(headers);
  expect(refused.status).toBe(429);
  expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(refused.headers['ratelimit']).toMatch(/"standard-minute"; r=0/);
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  expect(mobile.customerSync.calls).toHaveLength(2);
});
