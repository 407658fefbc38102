import request from 'supertest';
import { startAdvisorApp } from '../../__fixtures__/advisor-app.harness';
import { openReview, report } from '../../__fixtures__/customer-sync.fake';

type Advisor = Awaited<ReturnType<typeof startAdvisorApp>>;
let advisor: Advisor;
const AT = '2026-03-01T10:00:00.000Z';

beforeAll(async () => {
  advisor = await startAdvisorApp();
}, 60_000);
afterAll(() => advisor.close());
beforeEach(() => {
  advisor.customerSync.state.calls.length = 0;
});

describe('GET /v1/sync-health', () => {
  it('answers one row per system with feed lag, outbox, dead letters, breaker and last error, and says when it is unhealthy', async () => {
    advisor.customerSync.state.health = {
      sources: [
        { system: 'salesforce', lagSeconds: 2.5, consuming: true, lastReadAt: AT, lastError: null },
        { system: 'card-platform', lagSeconds: null, consuming: false, lastReadAt: null, lastError: 'ECONNREFUSED' },
      ],
      targets: [
        { system: 'salesforce', outboxDepth: 3, delivered: 10, oldestPendingSeconds: 4, deadLetters: 0, breaker: 'closed', lastError: null },
        { system: 'card-platform', outboxDepth: 7, delivered: 0, oldestPendingSeconds: 60, deadLetters: 2, breaker: 'open', lastError: 'breaker open' },
      ],
      openReviews: 1,
    };
    const res = await request(advisor.app).get('/v1/sync-health').set(await advisor.as('ops-1'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      healthy: false,
      openReviews: 1,
      systems: [
        { system: 'salesforce', feedLagSeconds: 2.5, feedConsuming: true, lastReadAt: AT, outboxDepth: 3, oldestPendingSeconds: 4, deadLetters: 0, breaker: 'closed', lastError: null },
        { system: 'card-platform', feedLagSeconds: null, feedConsuming: false, lastReadAt: null, outboxDepth: 7, oldestPendingSeconds: 60, deadLetters: 2, breaker: 'open', lastError: 'breaker open' },
      ],
    });
  });

  it('is healthy when no breaker is open, nothing is dead-lettered and no feed fails', async () => {
    advisor.customerSync.state.health = {
      sources: [{ system: 'core-banking', lagSeconds: 0, consuming: true, lastReadAt: AT, lastError: null }],
      targets: [{ system: 'core-banking', outboxDepth: 0, delivered: 1, oldestPendingSeconds: null, deadLetters: 0, breaker: 'closed', lastError: null }],
      openReviews: 0,
    };
    const res = await request(advisor.app).get('/v1/sync-health').set(await advisor.as('ops-1'));
    expect(res.body.healthy).toBe(true);
  });
});

describe('reconciliations', () => {
  it('starts one with repair (202), lists it and reads it back; an unknown one is 404', async () => {
    const headers = await advisor.as('ops-1');
    const started = await request(advisor.app).post('/v1/reconciliations').set(headers).send({ repair: true });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', repair: true });
    expect(advisor.customerSync.state.calls).toEqual([expect.objectContaining({ route: 'startReconciliation', input: expect.objectContaining({ body: { repair: true } }) })]);
    const listed = await request(advisor.app).get('/v1/reconciliations').set(headers);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(started.body.id);
    const one = await request(advisor.app).get(`/v1/reconciliations/${started.body.id}`).set(headers);
    expect(one.body).toEqual(report(started.body.id, true));
    const unknown = await request(advisor.app).get('/v1/reconciliations/999').set(headers);
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('No reconciliation 999');
  });

  it('answers 400 naming body.repair when it is not a boolean, and starts nothing', async () => {
    const res = await request(advisor.app).post('/v1/reconciliations').set(await advisor.as('ops-1')).send({ repair: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.repair']);
    expect(advisor.customerSync.state.calls).toEqual([]);
  });
});

describe('match reviews', () => {
  it('lists open reviews and records the staff member from the token as the decider', async () => {
    advisor.customerSync.state.reviews.set('7', openReview('7', 'CK-100001'));
    const headers = await advisor.as('staff-42');
    const open = await request(advisor.app).get('/v1/reviews').set(headers);
    expect(open.body.items.map((r: { id: string }) => r.id)).toEqual(['7']);
    const decided = await request(advisor.app).post('/v1/reviews/7/decision').set(headers).send({ decision: 'accept', note: 'same person, checked ID' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ id: '7', status: 'accepted', decidedBy: 'staff-42' });
    expect(advisor.customerSync.state.calls.at(-1)).toMatchObject({ route: 'decideReview', input: { body: { decision: 'accept', note: 'same person, checked ID', decidedBy: 'staff-42' } } });
  });

  it('does not let the body name another decider, and answers 400 naming body.decision for an unknown decision', async () => {
    advisor.customerSync.state.reviews.set('8', openReview('8', 'CK-100002'));
    const headers = await advisor.as('staff-42');
    const spoofed = await request(advisor.app).post('/v1/reviews/8/decision').set(headers).send({ decision: 'reject', decidedBy: 'someone-else' });
    expect(spoofed.body.decidedBy).toBe('staff-42');
    const bad = await request(advisor.app).post('/v1/reviews/8/decision').set(headers).send({ decision: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.decision']);
  });

  it('answers 404 for an unknown review', async () => {
    const res = await request(advisor.app).post('/v1/reviews/404/decision').set(await advisor.as('staff-42')).send({ decision: 'accept' });
    expect(res.status).toBe(404);
  });
});
