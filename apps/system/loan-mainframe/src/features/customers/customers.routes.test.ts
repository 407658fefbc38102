/**
 * Every customer and request route against the real emulator: reads from the files it
 * wrote, writes that round-trip through request and acknowledgement files, and an
 * outage met through the breaker (one emulator for all: its start is the slow part).
 */
import request from 'supertest';
import { startSystemApi, waitFor } from '../../__fixtures__/system-api.harness';
import { expectServiceTokenRequired } from '@strata/service-auth/testing';

jest.setTimeout(60_000);
type Api = Awaited<ReturnType<typeof startSystemApi>>;
let api: Api;

beforeAll(async () => {
  api = await startSystemApi({ people: 40, breaker: { resetTimeoutMs: 1500, consecutiveFailures: 3 } });
});
afterAll(() => api?.close());
afterEach(() => api.admin('/faults', 'DELETE'));

async function linkedBorrower() {
  const page = await request(api.app).get('/v1/customers').query({ limit: 200 });
  return (page.body.items as { id: string; customerKey: string | null; status: string }[]).find((c) => c.customerKey && c.status === 'active')!;
}

describe('reads', () => {
  it('lists every borrower of the extract in loan account order, page by page', async () => {
    const first = await request(api.app).get('/v1/customers').query({ limit: 3 });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(3);
    const second = await request(api.app).get('/v1/customers').query({ limit: 200, after: first.body.nextCursor });
    const ids = [...first.body.items, ...second.body.items].map((c: { id: string }) => c.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(second.body.nextCursor).toBeNull();
    expect(ids.every((id) => /^LN-\d{8}$/.test(id))).toBe(true);
  });

  it('finds a borrower by loan account and by golden key, in clean JSON rather than the record', async () => {
    const someone = await linkedBorrower();
    const raw = await api.admin(`/loans/${someone.id}`, 'GET');
    const byId = await request(api.app).get(`/v1/customers/${someone.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id: someone.id, customerKey: raw['customerKey'], email: String(raw['email']).toLowerCase(), status: 'active' });
    expect(byId.body.lastName.toUpperCase()).toBe(raw['surname']);
    expect(byId.body.lastName).not.toBe(raw['surname']);
    const byKey = await request(api.app).get(`/v1/customers/by-key/${someone.customerKey}`);
    expect(byKey.body.id).toBe(someone.id);
  });

  it('searches by name ignoring case', async () => {
    const someone = await linkedBorrower();
    const full = (await request(api.app).get(`/v1/customers/${someone.id}`)).body;
    const found = await request(api.app).get('/v1/customers').query({ q: full.lastName.toLowerCase() });
    expect(found.body.items.map((c: { id: string }) => c.id)).toContain(someone.id);
  });

  it('answers 404 problem+json for an unknown loan and key, and 400 naming a malformed one', async () => {
    const missing = await request(api.app).get('/v1/customers/LN-00000000');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await request(api.app).get('/v1/customers/by-key/CK-999998')).status).toBe(404);
    const bad = await request(api.app).get('/v1/customers/by-key/nobody');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['params.customerKey']);
  });
});

describe('writes', () => {
  it('round-trips an update to an acknowledgement, and the change comes back through the files', async () => {
    const someone = await linkedBorrower();
    const res = await request(api.app).put(`/v1/customers/by-key/${someone.customerKey}`).set('prefer', 'wait=5').send({ email: 'Round.Trip@Example.org', address: { city: 'São Paulo' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'applied', returnCode: '00', customerKey: someone.customerKey, returnMeaning: 'applied' });
    expect(res.headers['location']).toBe(`/v1/requests/${res.body.requestId}`);
    const updated = await waitFor('the change file', async () => {
      await api.feed.drain();
      const body = (await request(api.app).get(`/v1/customers/${someone.id}`)).body;
      return body.email === 'round.trip@example.org' && body;
    });
    expect(updated.address.city).toBe('Sao Paulo');
  });

  it('answers 202 with a status URL at once, and the status turns applied when the acknowledgement arrives', async () => {
    const someone = await linkedBorrower();
    const res = await request(api.app).put(`/v1/customers/${someone.id}`).send({ phone: '+15555550123' });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('pending');
    const settled = await waitFor('the acknowledgement', async () => {
      const status = await request(api.app).get(res.headers['location']!);
      return status.body.status !== 'pending' && status.body;
    });
    expect(settled).toMatchObject({ status: 'applied', returnCode: '00', loanAccount: someone.id });
  });

  it("waits for the acknowledgement only as long as the caller's deadline allows, and writes nothing once it has passed", async () => {
    const someone = await linkedBorrower();
    await api.admin('/faults', 'PUT', { latencyMs: 3000 });
    const started = Date.now();
    const res = await request(api.app).put(`/v1/customers/${someone.id}`).set('prefer', 'wait=5').set('x-request-deadline-ms', '400').send({ phone: '+15555550124' });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('pending');
    expect(Date.now() - started).toBeLessThan(2500);

    const tooLate = await request(api.app).put(`/v1/customers/${someone.id}`).set('prefer', 'wait=5').set('x-request-deadline-ms', '50').send({ phone: '+15555550125' });
    expect([tooLate.status, tooLate.body.reason]).toEqual([504, 'timeout']);
    expect(tooLate.body.detail).toContain('not called');
  });

  it('passes a validation rejection (return code 12) to the caller as 422 backend-rejected', async () => {
    const someone = await linkedBorrower();
    const res = await request(api.app).put(`/v1/customers/${someone.id}`).set('prefer', 'wait=5').send({ birthDate: '2999-01-01' });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:strata:problem:backend-rejected', upstream: 'loan-mainframe', details: { returnCode: '12', message: 'BIRTH DATE IS IN THE FUTURE' } });
    expect(res.body.detail).toMatch(/return code 12/);
  });

  it('answers 404 for return code 08 (no loan for the key) and 502 for a mainframe failure (16)', async () => {
    const unknown = await request(api.app).put('/v1/customers/by-key/CK-999997').set('prefer', 'wait=5').send({ phone: '+15555550199' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.details).toMatchObject({ returnCode: '08' });
    await api.admin('/faults', 'PUT', { rejectNext: 1, rejectReturnCode: '16' });
    const someone = await linkedBorrower();
    const failed = await request(api.app).put(`/v1/customers/${someone.id}`).set('prefer', 'wait=5').send({ phone: '+15555550198' });
    expect(failed.status).toBe(502);
    expect(failed.body.details).toMatchObject({ returnCode: '16' });
  });

  it('refuses text the record cannot hold before writing any file, naming the field', async () => {
    const res = await request(api.app).put('/v1/customers/LN-00000001').send({ lastName: 'Ø'.repeat(5), firstName: 'X'.repeat(31) });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.firstName']);
    const ascii = await request(api.app).put('/v1/customers/LN-00000001').send({ lastName: 'Øster' });
    expect(ascii.status).toBe(400);
    expect(ascii.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.lastName']);
  });

  it('answers 404 for an unknown request id', async () => {
    expect((await request(api.app).get('/v1/requests/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('a mainframe outage', () => {
  const breakers = async () => (await request(api.app).get('/health/ready')).body.breakers;
  const update = () => request(api.app).put('/v1/customers/LN-00000001').send({ phone: '+15555550111' });

  it('answers 503 while the mainframe is down, opens after repeated failures, fails fast while open, and closes once it is back', async () => {
    await api.admin('/faults', 'PUT', { down: true });
    const failures = [await update(), await update(), await update()];
    expect(failures.map((r) => [r.status, r.body.reason])).toEqual(Array(3).fill([503, 'server-error']));
    expect(failures[0]!.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(failures[0]!.body).toMatchObject({ type: 'urn:strata:problem:upstream-unavailable', upstream: 'loan-mainframe' });
    expect(Number(failures[0]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    const started = Date.now();
    const open = await update();
    expect(Date.now() - started).toBeLessThan(100);
    expect([open.status, open.body.reason]).toEqual([503, 'breaker-open']);
    expect(await breakers()).toEqual(expect.arrayContaining([{ name: 'loan-mainframe', state: 'open' }]));

    await api.admin('/faults', 'DELETE');
    await new Promise((resolve) => setTimeout(resolve, 1700));
    const recovered = await update();
    expect(recovered.status).toBe(202);
    expect(await breakers()).toEqual(expect.arrayContaining([{ name: 'loan-mainframe', state: 'closed' }]));
  });

  it('keeps serving reads from the last files while the mainframe is down', async () => {
    await api.admin('/faults', 'PUT', { down: true });
    const list = await request(api.app).get('/v1/customers').query({ limit: 1 });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    await api.admin('/faults', 'DELETE');
  });

  it('never opens for requests the mainframe rejects', async () => {
    for (let i = 0; i < 4; i += 1) {
      expect((await request(api.app).put('/v1/customers/by-key/CK-999996').set('prefer', 'wait=5').send({ phone: '+15555550112' })).status).toBe(404);
    }
    expect(await breakers()).toEqual(expect.arrayContaining([{ name: 'loan-mainframe', state: 'closed' }]));
  });
});

describe('who may call', () => {
  it('answers only Strata services holding a token minted for it (401 problem+json otherwise)', async () => {
    await expectServiceTokenRequired(api.bareApp, 'system-loan-mainframe', '/v1/customers?limit=1');
  });
});
