import request from 'supertest';
import { partyBody, startEmulator } from '../__fixtures__/emulator.harness';

let bank: Awaited<ReturnType<typeof startEmulator>>;

beforeAll(async () => {
  bank = await startEmulator({ maxPageSize: 100 });
});
beforeEach(() => bank.reset());
afterAll(() => bank.close());

const create = async (name: string, key?: string) => (await request(bank.app).post('/parties').send(partyBody(name, key)).expect(201)).body;

describe('the bank party API', () => {
  it('creates a party with a bank id, version 1, an ETag and a second-precision modifiedAt', async () => {
    const res = await request(bank.app).post('/parties').send(partyBody('Lovelace', 'CK-000001')).expect(201);
    expect(res.body).toMatchObject({ partyId: 'P500000001', version: 1, modifiedAt: '20260301100000', birthDate: '19800214', statusCode: 'A' });
    expect(res.headers['etag']).toBe('"1"');
    expect(res.headers['location']).toBe('/parties/P500000001');
    const read = await request(bank.app).get('/parties/P500000001').expect(200);
    expect(read.headers['etag']).toBe('"1"');
    expect(read.body.legalName).toEqual({ givenNames: 'Ada', familyName: 'Lovelace' });
  });

  it('answers in its own error format: CB-404, CB-400 naming the field, CB-409 for a second party with one CRM key', async () => {
    expect((await request(bank.app).get('/parties/P999999999').expect(404)).body).toEqual({ errorCode: 'CB-404', errorText: 'Party P999999999 not found' });
    const bad = await request(bank.app).post('/parties').send({ ...partyBody('X'), birthDate: '20231345' }).expect(400);
    expect(bad.body).toEqual({ errorCode: 'CB-400', errorText: expect.stringContaining('birthDate') });
    await create('First', 'CK-000002');
    expect((await request(bank.app).post('/parties').send(partyBody('Second', 'CK-000002')).expect(409)).body.errorCode).toBe('CB-409');
  });

  it('guards updates with If-Match: 428 without it, 412 when stale, 200 with the next version when current', async () => {
    const party = await create('Hopper', 'CK-000003');
    const body = { ...partyBody('Hopper', 'CK-000003'), contact: { email: 'grace@example.org', phone: null } };
    expect((await request(bank.app).put(`/parties/${party.partyId}`).send(body).expect(428)).body.errorCode).toBe('CB-428');
    bank.setClock('2026-03-01T10:00:07Z');
    const ok = await request(bank.app).put(`/parties/${party.partyId}`).set('if-match', '"1"').send(body).expect(200);
    expect(ok.body).toMatchObject({ version: 2, modifiedAt: '20260301100007', contact: { email: 'grace@example.org', phone: null } });
    expect(ok.headers['etag']).toBe('"2"');
    expect((await request(bank.app).put(`/parties/${party.partyId}`).set('if-match', '"1"').send(body).expect(412)).body.errorCode).toBe('CB-412');
  });

  it('lists by modifiedSince (inclusive, to the second) ordered by modifiedAt then partyId, with page numbers', async () => {
    bank.setClock('2026-03-01T10:00:05Z');
    const late = await create('Late');
    bank.setClock('2026-03-01T10:00:01Z');
    const a = await create('A');
    const b = await create('B');
    const page1 = await request(bank.app).get('/parties').query({ modifiedSince: '20260301100001', pageSize: 2 }).expect(200);
    expect(page1.body.parties.map((p: { partyId: string }) => p.partyId)).toEqual([a.partyId, b.partyId]);
    expect(page1.body).toMatchObject({ page: 1, pageSize: 2, totalCount: 3, hasMore: true });
    const page2 = await request(bank.app).get('/parties').query({ modifiedSince: '20260301100001', pageSize: 2, page: 2 }).expect(200);
    expect(page2.body.parties.map((p: { partyId: string }) => p.partyId)).toEqual([late.partyId]);
    expect(page2.body.hasMore).toBe(false);
    const since = await request(bank.app).get('/parties').query({ modifiedSince: '20260301100002' }).expect(200);
    expect(since.body.parties.map((p: { partyId: string }) => p.partyId)).toEqual([late.partyId]);
    expect((await request(bank.app).get('/parties').query({ modifiedSince: '2026-03-01' }).expect(400)).body.errorCode).toBe('CB-400');
  });

  it('finds parties by external reference', async () => {
    const linked = await create('Linked', 'CK-000004');
    await create('Unlinked');
    const found = await request(bank.app).get('/parties').query({ externalRef: 'CRM:CK-000004' }).expect(200);
    expect(found.body.parties.map((p: { partyId: string }) => p.partyId)).toEqual([linked.partyId]);
    expect((await request(bank.app).get('/parties').query({ externalRef: 'CRM:CK-999999' }).expect(200)).body.parties).toEqual([]);
  });
});
