import request from 'supertest';
import { partyBody, startEmulator } from '../__fixtures__/emulator.harness';

let bank: Awaited<ReturnType<typeof startEmulator>>;

beforeAll(async () => {
  bank = await startEmulator();
});
beforeEach(() => bank.reset());
afterAll(() => bank.close());

const admin = (body: object) => request(bank.app).put('/__admin/faults').send(body).expect(200);

describe('the /__admin fault switches', () => {
  it('down answers CB-503 on the bank surface but leaves health and admin reachable', async () => {
    await admin({ down: true });
    expect((await request(bank.app).get('/parties').expect(503)).body.errorCode).toBe('CB-503');
    await request(bank.app).get('/health/ready').expect(200);
    await request(bank.app).delete('/__admin/faults').expect(204);
    await request(bank.app).get('/parties').expect(200);
  });

  it('an error burst fails exactly the next N requests', async () => {
    await admin({ errorBurst: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await request(bank.app).get('/parties')).status);
    expect(statuses).toEqual([500, 500, 200]);
  });

  it('latency delays bank answers', async () => {
    await admin({ latencyMs: 300 });
    const started = Date.now();
    await request(bank.app).get('/parties').expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('malformNext serves the next record broken while the stored party stays intact', async () => {
    const { partyId } = (await request(bank.app).post('/parties').send(partyBody('Curie')).expect(201)).body;
    await admin({ malformNext: 1, malformKind: 'impossible-date' });
    expect((await request(bank.app).get(`/parties/${partyId}`)).body.birthDate).toBe('20231345');
    expect((await request(bank.app).get(`/parties/${partyId}`)).body.birthDate).toBe('19800214');
    await admin({ malformNext: 1, malformKind: 'missing-legal-name' });
    expect((await request(bank.app).get('/parties')).body.parties[0].legalName).toBeUndefined();
  });

  it('malformPartyIds serves exactly those parties broken, every time, until cleared', async () => {
    const ids = [];
    for (const name of ['Bad', 'Good']) ids.push((await request(bank.app).post('/parties').send(partyBody(name)).expect(201)).body.partyId);
    await admin({ malformPartyIds: [ids[0]], malformKind: 'bad-timestamp' });
    for (let i = 0; i < 2; i += 1) {
      const listed = (await request(bank.app).get('/parties')).body.parties.map((p: { modifiedAt: string }) => p.modifiedAt);
      expect(listed).toEqual(['2023-13-45 25:61', '20260301100000']);
    }
    await request(bank.app).delete('/__admin/faults').expect(204);
    expect((await request(bank.app).get(`/parties/${ids[0]}`)).body.modifiedAt).toBe('20260301100000');
  });

  it('concurrentWriteBurst makes the next update stale, as if another teller saved the party first', async () => {
    const { partyId } = (await request(bank.app).post('/parties').send(partyBody('Noether')).expect(201)).body;
    await admin({ concurrentWriteBurst: 1 });
    await request(bank.app).put(`/parties/${partyId}`).set('if-match', '"1"').send(partyBody('Noether')).expect(412);
    expect((await request(bank.app).get(`/parties/${partyId}`)).headers['etag']).toBe('"2"');
    await request(bank.app).put(`/parties/${partyId}`).set('if-match', '"2"').send(partyBody('Noether')).expect(200);
  });

  it('rejects unknown switches naming them, and reset empties the bank', async () => {
    const bad = await request(bank.app).put('/__admin/faults').send({ explode: true }).expect(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    await request(bank.app).post('/parties').send(partyBody('Gone')).expect(201);
    await admin({ down: true });
    await request(bank.app).post('/__admin/reset').expect(204);
    expect((await request(bank.app).get('/parties').expect(200)).body.totalCount).toBe(0);
  });
});
