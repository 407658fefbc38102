/** Every customer route of the contract, against the real bank emulator seeded with 12 people. */
import request from 'supertest';
import { startSystemApi, tellerParty, type SystemApi } from '../../__fixtures__/system-api.harness';
import { expectServiceTokenRequired } from '@strata/service-auth/testing';

let api: SystemApi;

beforeAll(async () => {
  api = await startSystemApi({ seedPeople: 12 });
}, 60_000);
afterAll(() => api.close());
afterEach(() => api.admin('/faults', 'DELETE'));

/** The bank's party id for a seeded golden key, asked of the bank itself. */
const seededId = async (customerKey: string) => {
  const found = await api.bank(`/parties?externalRef=CRM:${customerKey}`);
  return (found.body!['parties'] as { partyId: string }[])[0]!.partyId;
};

describe('reading customers', () => {
  it('serves a seeded party as clean customer JSON by party id and by golden key', async () => {
    const id = await seededId('CK-000001');
    const byId = await request(api.app).get(`/v1/customers/${id}`).expect(200);
    expect(byId.body).toMatchObject({ id, customerKey: 'CK-000001', status: expect.stringMatching(/^(active|inactive|deceased)$/), version: 1 });
    expect(byId.body.birthDate).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(byId.body.updatedAt).toMatch(/^2025-01-01T\d\d:\d\d:00Z$/);
    expect(Object.keys(byId.body.address).sort()).toEqual(['city', 'country', 'postalCode', 'state', 'street']);
    const byKey = await request(api.app).get('/v1/customers/by-key/CK-000001').expect(200);
    expect(byKey.body).toEqual(byId.body);
  });

  it('joins address lines 1 and 2 into the street and maps the bank codes', async () => {
    const created = await api.bank('/parties', 'POST', { ...tellerParty('Lines', 'CK-LINES-1'), statusCode: 'D' });
    const res = await request(api.app).get(`/v1/customers/${created.body!['partyId']}`).expect(200);
    expect(res.body).toMatchObject({ lastName: 'Lines', birthDate: '1980-02-14', status: 'deceased', address: { street: '1 Main St, Apt 4', state: 'NY', country: 'US', postalCode: '10001' } });
  });

  it('answers 404 problem+json for an unknown party or key and 400 naming a malformed id', async () => {
    const missing = await request(api.app).get('/v1/customers/P999999999').expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body.detail).toContain('CB-404');
    await request(api.app).get('/v1/customers/by-key/CK-NOBODY').expect(404);
    const bad = await request(api.app).get('/v1/customers/CB-000001').expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['params.id']);
  });

  it('answers 502 naming the bad field when the bank serves a malformed party', async () => {
    const id = await seededId('CK-000002');
    await api.admin('/faults', 'PUT', { malformNext: 1, malformKind: 'impossible-date' });
    const res = await request(api.app).get(`/v1/customers/${id}`).expect(502);
    expect(res.body).toMatchObject({ type: 'urn:strata:problem:upstream-error', upstream: 'core-banking' });
    expect(res.body.detail).toContain('birthDate');
  });

  it('lists every customer once, oldest change first, across cursor pages', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const res = await request(api.app).get('/v1/customers').query({ limit: 5, ...(after ? { after } : {}) }).expect(200);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      after = res.body.nextCursor ?? undefined;
    } while (after);
    const total = ((await api.bank('/parties?pageSize=100')).body!['totalCount']) as number;
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const since = await request(api.app).get('/v1/customers').query({ modifiedSince: '2026-01-01T00:00:00Z', limit: 100 }).expect(200);
    expect(since.body.items.every((c: { updatedAt: string }) => c.updatedAt >= '2026-01-01')).toBe(true);
    await request(api.app).get('/v1/customers').query({ after: 'garbage' }).expect(400);
  });
});

describe('upserting by golden key', () => {
  const body = { firstName: 'Grace', lastName: 'Hopper', birthDate: '1906-12-09', email: 'grace@example.org', address: { street: '1 Navy Way', city: 'Arlington', country: 'US' } };

  it('creates (201), repeats without writing (200, same version), then updates and clears with null (200)', async () => {
    const created = await request(api.app).put('/v1/customers/by-key/CK-UPS-1').send(body).expect(201);
    expect(created.body).toMatchObject({ created: true, customer: { customerKey: 'CK-UPS-1', lastName: 'Hopper', birthDate: '1906-12-09', version: 1 } });
    const id = created.body.id;
    const again = await request(api.app).put('/v1/customers/by-key/CK-UPS-1').send(body).expect(200);
    expect(again.body).toMatchObject({ id, created: false, customer: { version: 1 } });
    const cleared = await request(api.app).put('/v1/customers/by-key/CK-UPS-1').send({ email: null, phone: '+15555550199' }).expect(200);
    expect(cleared.body.customer).toMatchObject({ id, email: null, phone: '+15555550199', firstName: 'Grace', version: 2 });
    const stored = await api.bank(`/parties/${id}`);
    expect(stored.body).toMatchObject({ birthDate: '19061209', contact: { email: null }, externalRefs: [{ scheme: 'CRM', value: 'CK-UPS-1' }] });
  });

  it('re-reads and retries when someone else saves the party between read and write (412), keeping their change', async () => {
    await request(api.app).put('/v1/customers/by-key/CK-UPS-2').send(body).expect(201);
    await api.admin('/faults', 'PUT', { concurrentWriteBurst: 2 });
    const res = await request(api.app).put('/v1/customers/by-key/CK-UPS-2').send({ phone: '+15555550111' }).expect(200);
    expect(res.body.customer).toMatchObject({ phone: '+15555550111', version: 4 });
    expect(((await api.admin('/faults', 'GET')).body!['concurrentWriteBurst'])).toBe(0);
  });

  it('gives up with 409 problem+json after three stale attempts', async () => {
    await request(api.app).put('/v1/customers/by-key/CK-UPS-3').send(body).expect(201);
    await api.admin('/faults', 'PUT', { concurrentWriteBurst: 3 });
    const res = await request(api.app).put('/v1/customers/by-key/CK-UPS-3').send({ phone: '+15555550112' }).expect(409);
    expect(res.body.type).toBe('urn:strata:problem:conflict');
  });

  it('refuses to create without a last name, naming body.lastName, and validates input fields', async () => {
    const res = await request(api.app).put('/v1/customers/by-key/CK-UPS-4').send({ firstName: 'No' }).expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.lastName']);
    const bad = await request(api.app).put('/v1/customers/by-key/CK-UPS-4').send({ lastName: 'X', email: 'nope', status: 'gone' }).expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.email', 'body.status']);
  });

  it('links an existing seeded party found by its golden key instead of creating another', async () => {
    const id = await seededId('CK-000003');
    const res = await request(api.app).put('/v1/customers/by-key/CK-000003').send({ email: 'new@example.org' }).expect(200);
    expect(res.body).toMatchObject({ id, created: false, customer: { email: 'new@example.org', version: 2 } });
  });

  it('updates a party by its id and stamps the golden key on it; 404 for a party the bank does not have', async () => {
    const created = await api.bank('/parties', 'POST', tellerParty('Matched'));
    const partyId = created.body!['partyId'] as string;
    const res = await request(api.app).put(`/v1/customers/${partyId}`).send({ customerKey: 'CK-UPD-1', email: 'matched@example.org' }).expect(200);
    expect(res.body).toMatchObject({ id: partyId, created: false, customer: { customerKey: 'CK-UPD-1', email: 'matched@example.org', lastName: 'Matched' } });
    const again = await request(api.app).put(`/v1/customers/${partyId}`).send({ email: 'matched@example.org' }).expect(200);
    expect(again.body.customer).toMatchObject({ customerKey: 'CK-UPD-1', version: res.body.customer.version });
    const missing = await request(api.app).put('/v1/customers/P999999999').send({ email: 'x@example.org' }).expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('refuses an update by id with a stale If-Match (412) and applies one with the current version', async () => {
    const created = await api.bank('/parties', 'POST', tellerParty('Versioned'));
    const partyId = created.body!['partyId'] as string;
    const version = created.body!['version'] as number;
    const current = await request(api.app).get(`/v1/customers/${partyId}`).expect(200);
    const stale = await request(api.app).put(`/v1/customers/${partyId}`).set('if-match', `"${current.body.version - 1}"`).send({ email: 'stale@example.org' });
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toMatch(/problem\+json/);
    const fresh = await request(api.app).put(`/v1/customers/${partyId}`).set('if-match', `"${current.body.version}"`).send({ email: 'fresh@example.org' }).expect(200);
    expect(fresh.body.customer).toMatchObject({ email: 'fresh@example.org', version: version + 1 });
  });
});

describe('who may call', () => {
  it('answers only Strata services holding a token minted for it (401 problem+json otherwise)', async () => {
    await expectServiceTokenRequired(api.bareApp, 'system-core-banking', '/v1/customers?limit=1');
  });
});
