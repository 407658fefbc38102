import request from 'supertest';
import { CLIENT, startMobileApp } from '../../__fixtures__/mobile-app.harness';
import { goldenRecord } from '../../__fixtures__/customer-sync.fake';

type Mobile = Awaited<ReturnType<typeof startMobileApp>>;
let mobile: Mobile;
const ME = 'CK-100001';
const OTHER = 'CK-100002';

beforeAll(async () => {
  mobile = await startMobileApp();
});
afterAll(() => mobile.close());
beforeEach(() => {
  mobile.customerSync.records.clear();
  mobile.customerSync.calls.length = 0;
  mobile.customerSync.records.set(ME, goldenRecord(ME));
  mobile.customerSync.records.set(OTHER, goldenRecord(OTHER, { firstName: 'Grace', lastName: 'Hopper' }));
});

const as = async (customerKey: string, scope = 'customer:read customer:write') => ({ ...CLIENT, authorization: `Bearer ${await mobile.tokenFor(customerKey, { claims: { scope } })}` });

describe('GET /v1/me', () => {
  it("answers the signed-in customer's own profile, trimmed for mobile, with its version as ETag", async () => {
    const res = await request(mobile.app).get('/v1/me').set(await as(ME));
    expect(res.status).toBe(200);
    expect(res.headers['etag']).toBe('"3"');
    expect(res.body).toMatchObject({ customerKey: ME, firstName: 'Ada', email: 'ck-100001@example.org', version: 3 });
    expect(res.body).not.toHaveProperty('sources');
    expect(res.body).not.toHaveProperty('identifiers');
    expect(JSON.stringify(res.body)).not.toMatch(/P9001|003SF|C77/);
  });

  it('answers 304 without a body when If-None-Match holds the current ETag, 200 when it is stale', async () => {
    const headers = await as(ME);
    const same = await request(mobile.app).get('/v1/me').set(headers).set('if-none-match', 'W/"3"');
    expect(same.status).toBe(304);
    expect(same.text).toBe('');
    expect(same.headers['etag']).toBe('"3"');
    const stale = await request(mobile.app).get('/v1/me').set(headers).set('if-none-match', '"2"');
    expect(stale.status).toBe(200);
  });

  it("refuses another customer's key in the query with 403 and no data, without calling customer-sync", async () => {
    const res = await request(mobile.app).get('/v1/me').query({ customerKey: OTHER }).set(await as(ME));
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(res.body)).not.toMatch(/Grace|Hopper|Ada/);
    expect(mobile.customerSync.calls).toEqual([]);
  });

  it('refuses a token without a customer key, and one without customer:read', async () => {
    const noKey = await request(mobile.app).get('/v1/me').set({ ...CLIENT, authorization: `Bearer ${await mobile.tokenFor('', { claims: { customer_key: undefined } })}` });
    expect(noKey.status).toBe(403);
    const noScope = await request(mobile.app).get('/v1/me').set(await as(ME, 'customer:write'));
    expect(noScope.status).toBe(403);
    expect(noScope.body.details).toEqual({ requiredScope: 'customer:read' });
    expect(mobile.customerSync.calls).toEqual([]);
  });

  it('refuses a missing or expired token with 401 and WWW-Authenticate: Bearer, and a missing API key with 401', async () => {
    const missing = await request(mobile.app).get('/v1/me').set(CLIENT);
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    const expired = await request(mobile.app).get('/v1/me').set({ ...CLIENT, authorization: `Bearer ${await mobile.tokenFor(ME, { expiresIn: -120 })}` });
    expect(expired.status).toBe(401);
    const noClient = await request(mobile.app).get('/v1/me').set('authorization', (await as(ME)).authorization);
    expect(noClient.status).toBe(401);
    expect(noClient.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});

describe('PATCH /v1/me', () => {
  it('accepts a contact change at the current ETag: 202, Location of the sync status, new ETag', async () => {
    const res = await request(mobile.app).patch('/v1/me').set(await as(ME)).set('if-match', '"3"').send({ phone: '+15555550177' });
    expect(res.status).toBe(202);
    expect(res.headers['location']).toBe('/v1/me/sync-status');
    expect(res.headers['etag']).toBe('"4"');
    expect(res.body).toMatchObject({ version: 4, statusUrl: '/v1/me/sync-status', profile: { customerKey: ME, phone: '+15555550177' } });
    expect(res.body.profile).not.toHaveProperty('identifiers');
    expect(mobile.customerSync.calls).toEqual([{ route: 'changeContactDetails', customerKey: ME }]);
    expect(mobile.customerSync.records.get(OTHER)?.phone).toBe('+15555550123');
  });

  it('passes a stale version on as 412 problem+json and changes nothing', async () => {
    const res = await request(mobile.app).patch('/v1/me').set(await as(ME)).set('if-match', '"2"').send({ phone: '+15555550177' });
    expect(res.status).toBe(412);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:strata:problem:precondition-failed' });
    expect(res.body).not.toHaveProperty('upstream');
    expect(mobile.customerSync.records.get(ME)?.version).toBe(3);
  });

  it('answers 428 when If-Match is missing, without calling customer-sync', async () => {
    const res = await request(mobile.app).patch('/v1/me').set(await as(ME)).send({ phone: '+15555550177' });
    expect(res.status).toBe(428);
    expect(res.body).toMatchObject({ type: 'urn:strata:problem:precondition-required' });
    expect(mobile.customerSync.calls).toEqual([]);
  });

  it('answers 400 naming body.email for a bad email, and customer-sync hears nothing', async () => {
    const res = await request(mobile.app).patch('/v1/me').set(await as(ME)).set('if-match', '"3"').send({ email: 'not-an-email' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.email']);
    expect(mobile.customerSync.calls).toEqual([]);
  });

  it("refuses another customer's key in the body with 403, and changes neither record", async () => {
    for (const body of [{ customerKey: OTHER, phone: '+15555550177' }, { phone: '+15555550177', address: { street: OTHER } }]) {
      const res = await request(mobile.app).patch('/v1/me').set(await as(ME)).set('if-match', '"3"').send(body);
      expect(res.status).toBe(403);
    }
    expect(mobile.customerSync.calls).toEqual([]);
    expect(mobile.customerSync.records.get(OTHER)?.version).toBe(3);
  });

  it('needs customer:write', async () => {
    const res = await request(mobile.app).patch('/v1/me').set(await as(ME, 'customer:read')).set('if-match', '"3"').send({ phone: '+15555550177' });
    expect(res.status).toBe(403);
    expect(res.body.details).toEqual({ requiredScope: 'customer:write' });
    expect(mobile.customerSync.calls).toEqual([]);
  });

  it('never writes personal fields to the logs', async () => {
    await request(mobile.app).patch('/v1/me').set(await as(ME)).set('if-match', '"3"').send({ email: 'secret.person@example.org', phone: '+15555550199' });
    await request(mobile.app).patch('/v1/me').set(await as(ME)).set('if-match', '"1"').send({ email: 'stale.person@example.org' });
    await request(mobile.app).get('/v1/me').set(await as(ME));
    expect(mobile.logs()).toContain('/v1/me');
    expect(mobile.logs()).not.toMatch(/secret\.person|stale\.person|15555550199|ck-100001@example|Lovelace|ios-secret/);
  });
});

describe('GET /v1/me/sync-status', () => {
  it('says where the change stands per account, in words a customer understands', async () => {
    mobile.customerSync.syncStates.set(ME, { salesforce: 'pending', 'core-banking': 'in-sync', 'card-platform': 'dead-lettered' });
    const res = await request(mobile.app).get('/v1/me/sync-status').set(await as(ME));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      version: 3,
      complete: false,
      accounts: [
        { account: 'profile', state: 'updating', message: 'Your customer service profile will be updated shortly' },
        { account: 'bank-account', state: 'updated', message: 'Your bank account has the change' },
        { account: 'card-account', state: 'delayed', message: 'Your card account is taking longer than usual to update; we are on it' },
      ],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/salesforce|core-banking|card-platform|loan-mainframe|ECONNRESET/);
  });

  it('is complete once every account has the change', async () => {
    mobile.customerSync.syncStates.set(ME, { 'core-banking': 'in-sync', 'card-platform': 'in-sync' });
    const res = await request(mobile.app).get('/v1/me/sync-status').set(await as(ME));
    expect(res.body.complete).toBe(true);
    expect(res.body.accounts.map((a: { message: string }) => a.message)).toEqual(['Your bank account has the change', 'Your card account has the change']);
  });
});
