/** Every customer route of the Salesforce System API, against the real org emulator. */
import request from 'supertest';
import { startSystemApi } from '../../__fixtures__/system-api.harness';
import { expectServiceTokenRequired } from '@strata/service-auth/testing';

type Api = Awaited<ReturnType<typeof startSystemApi>>;
let api: Api;
let n = 0;
const key = () => `CK-S${process.pid % 1000}-${++n}`;

beforeAll(async () => {
  api = await startSystemApi();
}, 60_000);
afterAll(() => api.close());

describe('Salesforce System API: customers', () => {
  it('upserts by golden key: 201 then 200, same record, clean JSON, and a repeat changes nothing', async () => {
    const customerKey = key();
    const body = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.org', externalIds: { coreBanking: `CB-${customerKey}` }, preferredChannels: ['email', 'sms'] };
    const first = await request(api.app).put(`/v1/customers/by-key/${customerKey}`).send(body);
    expect(first.status).toBe(201);
    expect(first.body.customer).toMatchObject({ customerKey, firstName: 'Ada', email: 'ada@example.org', externalIds: { coreBanking: `CB-${customerKey}` }, preferredChannels: ['email', 'sms'] });
    expect(first.body.customer).not.toHaveProperty('Customer_Key__c');
    const again = await request(api.app).put(`/v1/customers/by-key/${customerKey}`).send(body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const found = await request(api.app).get('/v1/customers').query({ q: 'Lovelace' });
    expect(found.body.items.filter((c: { customerKey: string }) => c.customerKey === customerKey)).toHaveLength(1);
  });

  it('reads a customer by Salesforce id, golden key and bank id', async () => {
    const customerKey = key();
    const created = await request(api.app).put(`/v1/customers/by-key/${customerKey}`).send({ lastName: 'Hopper', externalIds: { cardPlatform: `CP-${customerKey}` } });
    const id = created.body.id as string;
    expect((await request(api.app).get(`/v1/customers/${id}`)).body.customerKey).toBe(customerKey);
    expect((await request(api.app).get(`/v1/customers/by-key/${customerKey}`)).body.id).toBe(id);
    expect((await request(api.app).get(`/v1/customers/by-external-id/card-platform/CP-${customerKey}`)).body.id).toBe(id);
  });

  it('upserts by a bank id', async () => {
    const loanId = `LN-${key()}`;
    const created = await request(api.app).put(`/v1/customers/by-external-id/loan-system/${loanId}`).send({ lastName: 'Turing' });
    expect(created.status).toBe(201);
    expect(created.body.customer.externalIds.loanSystem).toBe(loanId);
  });

  it('pages through a search with cursors, each customer once', async () => {
    const marker = `Pager${process.pid % 1000}`;
    for (let i = 0; i < 5; i += 1) await request(api.app).put(`/v1/customers/by-key/${key()}`).send({ lastName: `${marker}${i}` });
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await request(api.app).get('/v1/customers').query({ q: marker, limit: 2, ...(after ? { after } : {}) });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((c: { lastName: string }) => c.lastName));
      after = page.body.nextCursor ?? undefined;
    } while (after);
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `${marker}${i}`));
  });

  it('answers bad input with problem+json naming each field, and writes nothing', async () => {
    const customerKey = key();
    const res = await request(api.app).put(`/v1/customers/by-key/${customerKey}`).send({ lastName: '', email: 'nope', birthDate: '1990-13-45' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.birthDate', 'body.email', 'body.lastName']);
    expect((await request(api.app).get(`/v1/customers/by-key/${customerKey}`)).status).toBe(404);
    expect((await request(api.app).get('/v1/customers').query({ after: 'garbage' })).body.errors[0].path).toBe('query.after');
  });

  it('updates a contact by Salesforce id and stamps the golden key on it; 404 for an unknown id', async () => {
    const created = await request(api.app).put(`/v1/customers/by-external-id/core-banking/CB-${key()}`).send({ lastName: 'Matched' });
    const customerKey = key();
    const updated = await request(api.app).put(`/v1/customers/${created.body.id}`).send({ customerKey, email: 'matched@example.org' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.body.id, created: false, customer: { customerKey, email: 'matched@example.org', lastName: 'Matched' } });
    expect((await request(api.app).get(`/v1/customers/by-key/${customerKey}`)).body.id).toBe(created.body.id);
    const missing = await request(api.app).put('/v1/customers/003000000000000AAA').send({ email: 'x@example.org' });
    expect(missing.status).toBe(404);
  });

  it('answers 404 for unknown customers and deletes explicitly', async () => {
    expect((await request(api.app).get('/v1/customers/by-key/CK-NOBODY')).status).toBe(404);
    const created = await request(api.app).put(`/v1/customers/by-key/${key()}`).send({ lastName: 'Temporary' });
    expect((await request(api.app).delete(`/v1/customers/${created.body.id}`)).status).toBe(204);
    expect((await request(api.app).get(`/v1/customers/${created.body.id}`)).status).toBe(404);
  });

  it('reports a bank id already held by another customer as a 409 conflict', async () => {
    const shared = `CB-${key()}`;
    await request(api.app).put(`/v1/customers/by-key/${key()}`).send({ lastName: 'First', externalIds: { coreBanking: shared } });
    const clash = await request(api.app).put(`/v1/customers/by-key/${key()}`).send({ lastName: 'Second', externalIds: { coreBanking: shared } });
    expect(clash.status).toBe(409);
  });

  it('upserts 1,000 customers in at most 6 Salesforce API calls', async () => {
    const items = Array.from({ length: 1000 }, (_v, i) => ({ customerKey: `BULK-${process.pid % 1000}-${i}`, customer: { lastName: `Bulk ${i}` } }));
    const before = await api.apiUsage();
    const res = await request(api.app).post('/v1/customers/bulk-upsert').send({ items });
    const after = await api.apiUsage();
    expect(res.status).toBe(200);
    expect(res.body.results.filter((r: { ok: boolean }) => r.ok)).toHaveLength(1000);
    expect(res.body.apiCalls).toBe(5);
    expect(after - before).toBeLessThanOrEqual(6);
  }, 60_000);

  it('exposes the org API usage Salesforce reports as a metric', async () => {
    await request(api.app).get('/v1/customers').query({ limit: 1 });
    const metrics = await request(api.app).get('/metrics');
    const used = /strata_salesforce_api_requests\{[^}]*kind="used"[^}]*\} (\d+)/.exec(metrics.text);
    expect(Number(used?.[1])).toBeGreaterThan(0);
    expect(metrics.text).toMatch(/strata_salesforce_api_requests\{[^}]*kind="limit"[^}]*\} 15000000/);
  });

  it('hides a session expiry from its callers', async () => {
    await api.admin('/sessions/expire');
    const res = await request(api.app).get('/v1/customers').query({ limit: 1 });
    expect(res.status).toBe(200);
  });

  it('retries UNABLE_TO_LOCK_ROW until the record is free', async () => {
    await api.admin('/faults', 'PUT', { lockRowBurst: 2 });
    const res = await request(api.app).put(`/v1/customers/by-key/${key()}`).send({ lastName: 'Contended' });
    expect(res.status).toBe(201);
    expect((await api.admin('/faults', 'GET'))?.['lockRowBurst']).toBe(0);
  });

  it('turns a spent daily API allowance into 429 problem+json with Retry-After, and marks readiness degraded', async () => {
    await api.admin('/faults', 'PUT', { dailyApiLimit: 1 });
    try {
      const res = await request(api.app).get('/v1/customers/by-key/CK-ANY');
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.body).toMatchObject({ type: 'urn:strata:problem:too-many-requests', detail: expect.stringContaining('daily API allowance') });
      const ready = await request(api.app).get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('degraded');
      expect(ready.body.breakers).toEqual(expect.arrayContaining([{ name: 'salesforce-api-allowance', state: 'open' }]));
    } finally {
      await api.admin('/faults', 'PUT', { dailyApiLimit: 15_000_000 });
    }
  });

  it('while the allowance pause runs, refuses calls without spending any in the org, then lets calls through again', async () => {
    await request(api.app).get('/v1/customers').query({ limit: 1 }); // at least one call in the window, whatever ran before
    await api.admin('/faults', 'PUT', { dailyApiLimit: Math.max(1, await api.apiUsage()) });
    try {
      expect((await request(api.app).get('/v1/customers/by-key/CK-ANY')).status).toBe(429); // refused by the org
      const used = await api.apiUsage();
      const paused = await request(api.app).get('/v1/customers').query({ limit: 1 });
      expect(paused.status).toBe(429);
      expect(Number(paused.headers['retry-after'])).toBeGreaterThan(0);
      const bulk = await request(api.app).post('/v1/customers/bulk-upsert').send({ items: [{ customerKey: key(), customer: { lastName: 'Paused' } }] });
      expect(bulk.status).toBe(429);
      expect(await api.apiUsage()).toBe(used);
    } finally {
      await api.admin('/faults', 'PUT', { dailyApiLimit: 15_000_000 });
    }
    await new Promise((resolve) => setTimeout(resolve, 2100)); // the harness's pause
    expect((await request(api.app).get('/v1/customers').query({ limit: 1 })).status).toBe(200);
  });
});

describe('who may call', () => {
  it('answers only Strata services holding a token minted for it (401 problem+json otherwise)', async () => {
    await expectServiceTokenRequired(api.bareApp, 'system-salesforce', '/v1/customers?limit=1');
  });
});
