/** Every customer route of the contract, over the real emulator process. */
import request from 'supertest';
import { startSystemApi } from '../../__fixtures__/system-api.harness';
import { expectServiceTokenRequired } from '@strata/service-auth/testing';

type Api = Awaited<ReturnType<typeof startSystemApi>>;
let api: Api;
let firstId: string;

beforeAll(async () => {
  api = await startSystemApi({ people: 60 });
  firstId = (await request(api.app).get('/v1/customers').query({ limit: 1 })).body.items[0].id;
}, 60_000);
afterAll(() => api.close());

describe('GET /v1/customers', () => {
  it('pages through every cardholder once, in id order, as clean customers without timestamps', async () => {
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const res = await request(api.app).get('/v1/customers').query({ limit: 9, ...(after ? { after } : {}) });
      expect(res.status).toBe(200);
      ids.push(...res.body.items.map((c: { id: string }) => c.id));
      after = res.body.nextCursor ?? undefined;
    } while (after);
    expect(ids).toHaveLength(await api.emulator.count());
    expect(new Set(ids).size).toBe(ids.length);
    const first = (await request(api.app).get(`/v1/customers/${ids[0]}`)).body;
    expect(first).toMatchObject({ id: ids[0], updatedAt: null, status: expect.stringMatching(/^(active|blocked|closed)$/) });
    expect(first.birthDate).toMatch(/^\d{4}-\d\d-\d\d$/);
  });

  it('searches by email and by last name in any case', async () => {
    const someone = (await request(api.app).get(`/v1/customers/${firstId}`)).body;
    const byEmail = await request(api.app).get('/v1/customers').query({ email: someone.email });
    expect(byEmail.body.items.map((c: { id: string }) => c.id)).toContain(firstId);
    const byName = await request(api.app).get('/v1/customers').query({ lastName: someone.lastName.toLowerCase() });
    expect(byName.body).toMatchObject({ nextCursor: null });
    expect(byName.body.items.map((c: { id: string }) => c.id)).toContain(firstId);
  });

  it('refuses a cursor it did not make, naming query.after', async () => {
    const res = await request(api.app).get('/v1/customers').query({ after: 'bm90LW91cnM' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.after']);
  });
});

describe('GET /v1/customers/:id and /v1/customers/by-key/:customerKey', () => {
  it('reads a cardholder by platform id and by golden key alike', async () => {
    const byId = (await request(api.app).get(`/v1/customers/${firstId}`)).body;
    const key = byId.customerKey ?? (await request(api.app).put('/v1/customers/by-key/CK-990001').send({ lastName: 'Keyed' })).body.customer.customerKey;
    const byKey = await request(api.app).get(`/v1/customers/by-key/${key}`);
    expect(byKey.status).toBe(200);
    expect(byKey.body.customerKey).toBe(key);
  });

  it('answers 404 problem+json for an unknown id (CP-1002) and an unknown key', async () => {
    const byId = await request(api.app).get('/v1/customers/CP-000000');
    expect(byId.status).toBe(404);
    expect(byId.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(byId.body).toMatchObject({ type: 'urn:strata:problem:not-found', detail: expect.stringContaining('CP-000000') });
    expect((await request(api.app).get('/v1/customers/by-key/CK-999998')).status).toBe(404);
  });

  it('refuses a malformed id before calling the platform', async () => {
    const res = await request(api.app).get('/v1/customers/12345');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['params.id']);
  });
});

describe('PUT /v1/customers/by-key/:customerKey', () => {
  const body = { firstName: 'Zoë', lastName: 'Okafor', birthDate: '1990-02-28', email: 'zoe@example.org', phone: '+15555550100', address: { city: 'Leeds', country: 'GB' } };

  it('creates (201), then repeats idempotently (200, same cardholder), then clears a field with null', async () => {
    const created = await request(api.app).put('/v1/customers/by-key/CK-990002').send(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ created: true, customer: { customerKey: 'CK-990002', firstName: 'Zoe', lastName: 'Okafor', birthDate: '1990-02-28', address: { city: 'Leeds', country: 'GB', street: null } } });
    const again = await request(api.app).put('/v1/customers/by-key/CK-990002').send(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...created.body, created: false });
    const cleared = await request(api.app).put('/v1/customers/by-key/CK-990002').send({ email: null, status: 'blocked' });
    expect(cleared.body.customer).toMatchObject({ email: null, status: 'blocked', lastName: 'Okafor', phone: '+15555550100' });
    expect((await request(api.app).get(`/v1/customers/${created.body.id}`)).body.email).toBeNull();
  });

  it('names body.lastName when the platform refuses a new cardholder without a name (CP-1001)', async () => {
    const res = await request(api.app).put('/v1/customers/by-key/CK-990003').send({ email: 'nameless@example.org' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.lastName', code: 'CP-1001' })]);
  });

  it('names every field the contract refuses, without calling the platform', async () => {
    const res = await request(api.app).put('/v1/customers/by-key/CK-1').send({ email: 'nope', birthDate: '28/02/1990' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.birthDate', 'body.email', 'params.customerKey']);
  });
});

describe('PUT /v1/customers/:id', () => {
  it('updates a cardholder by platform id and stamps the golden key on it; 404 for an unknown id', async () => {
    const res = await request(api.app).put(`/v1/customers/${firstId}`).send({ customerKey: 'CK-990010', email: 'matched@example.org' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: firstId, created: false, customer: { customerKey: 'CK-990010', email: 'matched@example.org' } });
    expect((await request(api.app).get('/v1/customers/by-key/CK-990010')).body.id).toBe(firstId);
    expect((await request(api.app).put('/v1/customers/CP-999999').send({ email: 'x@example.org' })).status).toBe(404);
  });
});

describe('PUT /v1/customers/:id with If-Match (the version)', () => {
  /** The cardholder as the platform holds it, read past this API. */
  const onPlatform = async (id: string) => (await (await api.emulator.soapClient()).GetCardholderAsync({ CardholderId: id }))[0].Cardholder as Record<string, unknown>;
  const someone = async (index: number) => (await request(api.app).get('/v1/customers').query({ limit: 20 })).body.items[index] as { id: string; version: string };

  it('serves one version per record state, alike on GET, in lists and in the change feed, and moves it on any change', async () => {
    await api.feed.drain();
    const { id, version } = await someone(3);
    expect(version).toMatch(/^[0-9a-f]{64}$/);
    expect((await request(api.app).get(`/v1/customers/${id}`)).body.version).toBe(version);
    await api.emulator.admin(`/cardholders/${id}`, 'PATCH', { AddrLine3: 'WY' });
    await api.feed.drain();
    await api.feed.drain();
    const fed = (await request(api.app).get('/v1/changes').query({ limit: 1000 })).body.changes.filter((c: { entityId: string }) => c.entityId === id).at(-1);
    const now = (await request(api.app).get(`/v1/customers/${id}`)).body.version;
    expect(now).not.toBe(version);
    expect(fed).toMatchObject({ changeType: 'updated', changedFields: ['address.state', 'version'], data: { version: now } });
  });

  it('applies an update made with the current version and answers the new one', async () => {
    const { id, version } = await someone(4);
    const res = await request(api.app).put(`/v1/customers/${id}`).set('if-match', `"${version}"`).send({ email: 'current@example.org' });
    expect(res.status).toBe(200);
    expect(res.body.customer).toMatchObject({ id, email: 'current@example.org' });
    expect(res.body.customer.version).not.toBe(version);
    expect((await request(api.app).get(`/v1/customers/${id}`)).body.version).toBe(res.body.customer.version);
  });

  it('refuses a stale version with 412 problem+json and leaves the other change in place', async () => {
    const { id, version } = await someone(5);
    await api.emulator.admin(`/cardholders/${id}`, 'PATCH', { EmailAddress: 'branch-staff@example.org' });
    const res = await request(api.app).put(`/v1/customers/${id}`).set('if-match', `"${version}"`).send({ email: 'older-golden@example.org' });
    expect(res.status).toBe(412);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:strata:problem:precondition-failed', status: 412, detail: expect.stringContaining(version) });
    expect((await onPlatform(id))['EmailAddress']).toBe('branch-staff@example.org');
  });

  it('writes as before without If-Match, and refuses a malformed one naming headers.if-match', async () => {
    const { id } = await someone(6);
    await api.emulator.admin(`/cardholders/${id}`, 'PATCH', { MobileNumber: '+15555550142' });
    expect((await request(api.app).put(`/v1/customers/${id}`).send({ email: 'unconditional@example.org' })).status).toBe(200);
    const malformed = await request(api.app).put(`/v1/customers/${id}`).set('if-match', '"7"').send({ email: 'x@example.org' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { path: string }) => e.path)).toEqual(['headers.if-match']);
    expect((await onPlatform(id))['EmailAddress']).toBe('unconditional@example.org');
  });
});

describe('who may call', () => {
  it('answers only Strata services holding a token minted for it (401 problem+json otherwise)', async () => {
    await expectServiceTokenRequired(api.bareApp, 'system-card-platform', '/v1/customers?limit=1');
  });
});
