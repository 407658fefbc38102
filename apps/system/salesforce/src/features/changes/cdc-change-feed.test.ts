/** GET /v1/changes fed by Change Data Capture, against the real org emulator process. */
import type { Connection } from 'jsforce';
import request from 'supertest';
import { decodeCursor } from '@strata/contract-kit';
import { connectAsOther, headCursor, readUntil, SELF_CLIENT, startFeedApi, startOrg, uniqueName, waitFor } from './__fixtures__/change-feed.harness';
import type { FeedChange } from './change-feed.types';

jest.setTimeout(60_000);

let org: Awaited<ReturnType<typeof startOrg>>;
let api: Awaited<ReturnType<typeof startFeedApi>>;
let other: Connection;

const createdIn = (changes: FeedChange[], id: string) => changes.filter((c) => c.entityId === id && c.changeType === 'created');
const createContact = async (lastName: string, fields: Record<string, unknown> = {}) => {
  const result = (await other.sobject('Contact').create({ LastName: lastName, ...fields })) as { id: string };
  return result.id;
};

beforeAll(async () => {
  org = await startOrg();
  other = await connectAsOther(org.url);
  api = await startFeedApi(org.url);
}, 120_000);

afterAll(async () => {
  await api?.close();
  await org?.close();
});

describe('GET /v1/changes fed by Change Data Capture', () => {
  it('serves a contact created directly in Salesforce as "created" by someone else, with its current state', async () => {
    const after = await headCursor(api.app);
    const lastName = uniqueName('Direct');
    const id = await createContact(lastName, { Email: 'direct@example.org' });
    const { changes } = await readUntil(api.app, after, (all) => createdIn(all, id).length > 0);
    expect(createdIn(changes, id)[0]).toEqual({
      cursor: expect.any(String),
      changeType: 'created',
      entityType: 'customer',
      entityId: id,
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      origin: { self: false, client: null },
      changedFields: [],
      data: expect.objectContaining({ id, lastName, email: 'direct@example.org' }),
    });
    expect(id).toHaveLength(18);
  });

  it('carries the version GET serves, which an update by id then accepts as If-Match', async () => {
    const after = await headCursor(api.app);
    const id = await createContact(uniqueName('Versioned'), { Email: 'feed-version@example.org' });
    const { changes } = await readUntil(api.app, after, (all) => createdIn(all, id).length > 0);
    const version = createdIn(changes, id)[0]?.data?.version;
    expect((await request(api.app).get(`/v1/customers/${id}`)).body.version).toBe(version);
    expect((await request(api.app).put(`/v1/customers/${id}`).set('if-match', `"${version}"`).send({ email: 'synced@example.org' })).status).toBe(200);
  });

  it("marks a customer upserted through this API's own PUT /v1/customers/by-key as origin.self", async () => {
    const after = await headCursor(api.app);
    const customerKey = `CK-CF${process.pid % 10_000}`;
    const put = await request(api.app).put(`/v1/customers/by-key/${customerKey}`).send({ lastName: uniqueName('Self') });
    expect(put.status).toBe(201);
    const { changes } = await readUntil(api.app, after, (all) => createdIn(all, put.body.id).length > 0);
    expect(createdIn(changes, put.body.id)[0]).toMatchObject({ origin: { self: true, client: SELF_CLIENT }, data: { customerKey } });
  });

  it('reports an update with contract field names only, and a delete with no data', async () => {
    const start = await headCursor(api.app);
    const id = await createContact(uniqueName('Changing'));
    const { nextCursor: after } = await readUntil(api.app, start, (all) => createdIn(all, id).length > 0);
    await other.sobject('Contact').update({ Id: id, Email: 'new@example.org', MailingCity: 'Utrecht' });
    await other.sobject('Contact').destroy(id);
    const { changes } = await readUntil(api.app, after, (all) => all.some((c) => c.entityId === id && c.changeType === 'deleted'));
    const mine = changes.filter((c) => c.entityId === id);
    expect(mine.map((c) => c.changeType)).toEqual(['updated', 'deleted']);
    expect([...mine[0]!.changedFields].sort()).toEqual(['email', 'mailingAddress.city']);
    expect(mine[1]).toMatchObject({ changedFields: [], data: null });
  });

  it('answers a long poll as soon as a change is committed, well before waitMs', async () => {
    const after = await headCursor(api.app);
    const poll = request(api.app).get('/v1/changes').query({ after, waitMs: 5000 }).then((res) => ({ res, at: performance.now() }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const writtenAt = performance.now();
    const id = await createContact(uniqueName('LongPoll'));
    const { res, at } = await poll;
    expect(res.status).toBe(200);
    expect(res.body.changes.map((c: FeedChange) => c.entityId)).toContain(id);
    expect(at - writtenAt).toBeLessThan(1000);
  });

  it('pages with after: each change exactly once, in order, then an empty page that keeps the cursor', async () => {
    const after = await headCursor(api.app);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await createContact(uniqueName(`Page${i}`)));
    await readUntil(api.app, after, (all) => ids.every((id) => createdIn(all, id).length > 0));
    const seen: string[] = [];
    let cursor = after;
    for (let page = 0; page < 10; page += 1) {
      const res = await request(api.app).get('/v1/changes').query({ after: cursor, limit: 2 });
      expect(res.body.changes.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.changes.map((c: FeedChange) => c.entityId));
      if (res.body.changes.length === 0) {
        expect(res.body.nextCursor).toBe(cursor);
        break;
      }
      cursor = res.body.nextCursor;
    }
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('keeps delivering after the org drops every streaming client, and repeats nothing', async () => {
    const after = await headCursor(api.app);
    const before = await createContact(uniqueName('BeforeDrop'));
    await readUntil(api.app, after, (all) => createdIn(all, before).length > 0);
    await org.admin('/streaming/drop');
    const during = await createContact(uniqueName('DuringDrop'));
    const later: string[] = [];
    for (let i = 0; i < 3; i += 1) later.push(await createContact(uniqueName(`AfterDrop${i}`)));
    const { changes } = await readUntil(api.app, after, (all) => [during, ...later].every((id) => createdIn(all, id).length > 0));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const settled = [...changes, ...(await request(api.app).get('/v1/changes').query({ after: changes.at(-1)!.cursor })).body.changes];
    for (const id of [before, during, ...later]) expect(createdIn(settled, id)).toHaveLength(1);
    await waitFor('streaming again', () => api.feed.isStreaming());
  });

  it('hides a session expiry: the stream resubscribes with a new session, reads keep working', async () => {
    const after = await headCursor(api.app);
    await org.admin('/sessions/expire');
    await new Promise((resolve) => setTimeout(resolve, 2500)); // the held CometD connect ends; the next one meets the dead session
    const id = await createContact(uniqueName('AfterExpiry'));
    const { changes } = await readUntil(api.app, after, (all) => createdIn(all, id).length > 0);
    expect(createdIn(changes, id)).toHaveLength(1);
    expect((await request(api.app).get(`/v1/customers/${id}`)).status).toBe(200);
    await waitFor('streaming again', () => api.feed.isStreaming());
    expect((await request(api.app).get('/health/ready')).status).toBe(200);
  });

  it.each([
    ['not base64 JSON', 'garbage!'],
    ['a cursor of another API', Buffer.from(JSON.stringify({ id: '003000000000001AAA' })).toString('base64url')],
    ['a negative position', Buffer.from(JSON.stringify({ seq: -1 })).toString('base64url')],
  ])('refuses %s as a cursor with 400 naming query.after', async (_case, after) => {
    const res = await request(api.app).get('/v1/changes').query({ after });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.after']);
  });

  it('starts from the beginning without a cursor, and its cursors are opaque feed positions', async () => {
    const id = await createContact(uniqueName('First'));
    await readUntil(api.app, undefined, (all) => createdIn(all, id).length > 0);
    const res = await request(api.app).get('/v1/changes').query({ limit: 1 });
    expect(res.status).toBe(200);
    expect(decodeCursor(res.body.nextCursor)).toEqual({ seq: 1 });
    expect(res.body.resynced).toBe(false);
  });

  it('reports the subscription on /health/ready and the lag on /metrics', async () => {
    expect((await request(api.app).get('/health/ready')).body.checks.streaming.status).toBe('up');
    const metrics = (await request(api.app).get('/metrics')).text;
    expect(metrics).toMatch(/strata_salesforce_cdc_lag_seconds\{[^}]*\} \d/);
    expect(metrics).toMatch(/strata_salesforce_cdc_streaming\{[^}]*\} 1/);
  });
});
