/** The audit trail: every view of a customer recorded, with its correlation id, before any data leaves. */
import request from 'supertest';
import { startAdvisorApp } from '../__fixtures__/advisor-app.harness';
import { goldenRecord, historyEntry, openReview } from '../__fixtures__/customer-sync.fake';
import type { AuditStore } from './audit.store';

type Advisor = Awaited<ReturnType<typeof startAdvisorApp>>;
const ADA = 'CK-100001';
const GRACE = 'CK-100002';

function seed(advisor: Advisor) {
  advisor.customerSync.state.records.set(ADA, goldenRecord(ADA));
  advisor.customerSync.state.records.set(GRACE, goldenRecord(GRACE, { firstName: 'Grace', lastName: 'Hopper' }));
  advisor.customerSync.state.history.set(ADA, [historyEntry(3)]);
}

describe('with a working audit store', () => {
  let advisor: Advisor;
  beforeAll(async () => {
    advisor = await startAdvisorApp();
    seed(advisor);
  }, 60_000);
  afterAll(() => advisor.close());

  it('records each 360 view, history read and review decision with staff, app, customer and correlation id', async () => {
    advisor.customerSync.state.reviews.set('5', openReview('5', GRACE));
    const alice = await advisor.as('alice');
    await request(advisor.app).get(`/v1/customers/${ADA}`).set(alice).set('x-correlation-id', 'corr-360-view').expect(200);
    await request(advisor.app).get(`/v1/customers/${ADA}/history`).set(alice).set('x-correlation-id', 'corr-history').expect(200);
    await request(advisor.app).post('/v1/reviews/5/decision').set(await advisor.as('bob')).set('x-correlation-id', 'corr-decision').send({ decision: 'reject' }).expect(200);

    const trail = await request(advisor.app).get('/v1/audit-events').set(await advisor.as('auditor'));
    expect(trail.status).toBe(200);
    expect(trail.body.items).toEqual([
      { id: expect.any(String), at: expect.any(String), staffId: 'bob', clientId: 'advisor-web', customerKey: GRACE, action: 'review-decided', correlationId: 'corr-decision' },
      { id: expect.any(String), at: expect.any(String), staffId: 'alice', clientId: 'advisor-web', customerKey: ADA, action: 'history-read', correlationId: 'corr-history' },
      { id: expect.any(String), at: expect.any(String), staffId: 'alice', clientId: 'advisor-web', customerKey: ADA, action: 'customer-360-viewed', correlationId: 'corr-360-view' },
    ]);
  });

  it('filters by customer and by staff member, newest first, paging with cursor', async () => {
    const carol = await advisor.as('carol');
    for (const key of [ADA, GRACE, ADA]) await request(advisor.app).get(`/v1/customers/${key}`).set(carol).expect(200);
    const auditor = await advisor.as('auditor');
    const byCarol = await request(advisor.app).get('/v1/audit-events').query({ staffId: 'carol', limit: 2 }).set(auditor);
    expect(byCarol.body.items.map((e: { customerKey: string }) => e.customerKey)).toEqual([ADA, GRACE]);
    const rest = await request(advisor.app).get('/v1/audit-events').query({ staffId: 'carol', limit: 2, cursor: byCarol.body.nextCursor }).set(auditor);
    expect(rest.body).toMatchObject({ items: [{ customerKey: ADA, staffId: 'carol' }], nextCursor: null });
    const onGrace = await request(advisor.app).get('/v1/audit-events').query({ customerKey: GRACE }).set(auditor);
    expect(onGrace.body.items.map((e: { staffId: string }) => e.staffId)).toEqual(['carol', 'bob']);
  });

  it('does not record a search, nor a view of a customer that does not exist', async () => {
    const before = (await advisor.audit.list({ limit: 100 })).items.length;
    const dave = await advisor.as('dave');
    await request(advisor.app).get('/v1/customers').query({ q: 'Lovelace' }).set(dave).expect(200);
    await request(advisor.app).get('/v1/customers/CK-999999').set(dave).expect(404);
    expect((await advisor.audit.list({ limit: 100 })).items).toHaveLength(before);
  });

  it('logs each audit event by ids only', async () => {
    await request(advisor.app).get(`/v1/customers/${ADA}`).set(await advisor.as('erin')).expect(200);
    expect(advisor.logs()).toMatch(/audit event recorded.*customer-360-viewed|customer-360-viewed.*audit event recorded/);
    expect(advisor.logs()).not.toMatch(/Lovelace|Hopper|example\.org|15555550123/);
  });

  it('answers 400 naming query.cursor for a cursor that is not one of ours', async () => {
    const res = await request(advisor.app).get('/v1/audit-events').query({ cursor: 'bm9wZQ' }).set(await advisor.as('auditor'));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.cursor']);
  });
});

describe('with a failing audit store', () => {
  let advisor: Advisor;
  const broken: AuditStore = {
    record: async () => Promise.reject(new Error('audit database is read-only')),
    list: async () => ({ items: [], nextCursor: null }),
  };
  beforeAll(async () => {
    advisor = await startAdvisorApp({ audit: broken });
    seed(advisor);
  }, 60_000);
  afterAll(() => advisor.close());

  it('answers no customer data at all: an unaudited view is not allowed', async () => {
    const headers = await advisor.as('alice');
    for (const path of [`/v1/customers/${ADA}`, `/v1/customers/${ADA}/history`]) {
      const res = await request(advisor.app).get(path).set(headers);
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(res.body)).not.toMatch(/Lovelace|example\.org|15555550123|\+1555/);
    }
  });
});
