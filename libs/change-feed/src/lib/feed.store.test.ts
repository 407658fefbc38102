import { openDatabase, type Database } from '@strata/persistence';
import type { Observation } from './change-feed.types';
import { FeedStore } from './feed.store';

const customer = (id: string, data: Record<string, unknown> | null, mark: string): Observation => ({
  entityType: 'customer',
  entityId: id,
  data,
  mark,
  occurredAt: '2026-01-01T00:00:00.000Z',
});

describe('FeedStore', () => {
  let db: Database;
  let store: FeedStore;

  beforeAll(async () => {
    db = await openDatabase();
    store = await FeedStore.open(db);
  });
  afterAll(async () => db.close());
  beforeEach(async () => {
    await db.exec('TRUNCATE change_feed_changes, change_feed_entities, change_feed_positions, change_feed_quarantine RESTART IDENTITY');
  });

  it('derives created, updated with the changed fields, deleted and undeleted from what it saw before', async () => {
    await store.commit({ source: 's', position: 1, observations: [customer('a', { name: 'Ann', address: { city: 'Leeds', zip: 'L1' } }, 'v1')] });
    await store.commit({ source: 's', position: 2, observations: [customer('a', { name: 'Ann', address: { city: 'York', zip: 'L1' } }, 'v2')] });
    await store.commit({ source: 's', position: 3, observations: [customer('a', null, 'gone')] });
    await store.commit({ source: 's', position: 4, observations: [customer('a', { name: 'Ann', address: { city: 'York', zip: 'L1' } }, 'v3')] });

    const page = await store.page(0, 10);
    expect(page.map((c) => [c.change.changeType, c.change.changedFields])).toEqual([
      ['created', []],
      ['updated', ['address.city']],
      ['deleted', []],
      ['undeleted', []],
    ]);
    expect(page[2]?.change.data).toBeNull();
  });

  it('drops observations whose mark it has already stored, so overlapping polls and restarts never repeat a change', async () => {
    const first = await store.commit({ source: 's', position: 1, observations: [customer('a', { n: 1 }, 'v1'), customer('b', { n: 1 }, 'v1')] });
    const overlap = await store.commit({ source: 's', position: 2, observations: [customer('a', { n: 1 }, 'v1'), customer('b', { n: 2 }, 'v2')] });

    expect(first.written).toBe(2);
    expect(overlap.written).toBe(1);
    expect((await store.page(0, 10)).map((c) => c.change.entityId)).toEqual(['a', 'b', 'b']);
  });

  it('moves the mark but writes no change when the clean state is the same (a backend-only field changed)', async () => {
    await store.commit({ source: 's', position: 1, observations: [customer('a', { n: 1 }, 'v1')] });
    const same = await store.commit({ source: 's', position: 2, observations: [customer('a', { n: 1 }, 'v2')] });

    expect(same.written).toBe(0);
    expect(await store.marks('customer', ['a'])).toEqual(new Map([['a', 'v2']]));
  });

  it('ignores the deletion of something it never saw alive', async () => {
    const result = await store.commit({ source: 's', position: 1, observations: [customer('ghost', null, 'gone')] });
    expect(result.written).toBe(0);
  });

  it('stores the position with the changes, and keeps it when a poll fails', async () => {
    await store.commit({ source: 'poller', position: { since: '2026-01-01' }, observations: [customer('a', { n: 1 }, 'v1')] });
    await store.recordError('poller', 'ECONNREFUSED');

    const state = await store.state<{ since: string }>('poller');
    expect(state.position).toEqual({ since: '2026-01-01' });
    expect(state.lastError).toBe('ECONNREFUSED');
    expect(state.lastSuccessAt).not.toBeNull();
  });

  it('rolls the whole poll back when any part fails: no changes, no marks, no position', async () => {
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    await expect(
      store.commit({ source: 'p', position: circular, observations: [customer('a', { n: 1 }, 'v1')] }),
    ).rejects.toThrow();

    expect(await store.page(0, 10)).toEqual([]);
    expect(await store.marks('customer', ['a'])).toEqual(new Map());
    expect((await store.state('p')).position).toBeNull();
  });

  it('quarantines a bad record once, however often a poll sees it again', async () => {
    const bad = { source: 'party P1', entityId: 'P1', reason: 'birthDate 20231345 is not a date', raw: '{"birthDate":"20231345"}' };
    const first = await store.commit({ source: 's', position: 1, observations: [], quarantined: [bad] });
    const again = await store.commit({ source: 's', position: 2, observations: [], quarantined: [bad] });

    const quarantine = await store.quarantine();
    expect([first.quarantined, again.quarantined]).toEqual([1, 0]);
    expect(quarantine.total).toBe(1);
    expect(quarantine.recent[0]).toMatchObject({ sourceName: 's', entityId: 'P1', reason: bad.reason });
  });

  it("counts the changes others made apart from its own writes' echoes, so a poller can tell a quiet backend", async () => {
    const own = { ...customer('o', { n: 1 }, 'v1'), origin: { self: true, client: 'strata' } };
    const result = await store.commit({ source: 's', position: 1, observations: [own, customer('x', { n: 1 }, 'v1'), customer('y', { n: 1 }, 'v1')] });
    expect(result).toMatchObject({ written: 3, writtenByOthers: 2 });
    const echoOnly = await store.commit({ source: 's', position: 2, observations: [{ ...own, data: { n: 2 }, mark: 'v2' }] });
    expect(echoOnly).toMatchObject({ written: 1, writtenByOthers: 0 });
  });

  it('lists the entities it has seen alive, for sources that find deletions by absence', async () => {
    await store.commit({ source: 's', position: 1, observations: [customer('a', { n: 1 }, 'v1'), customer('b', { n: 1 }, 'v1')] });
    await store.commit({ source: 's', position: 2, observations: [customer('b', null, 'gone')] });
    expect(await store.liveIds('customer')).toEqual(new Set(['a']));
  });

  it('lists only the live ids in a range, in code-unit order, so a snapshot page reads only its own', async () => {
    const ids = ['C01', 'C02', 'C03', 'C10', 'c01', 'C2'];
    await store.commit({ source: 's', position: 1, observations: ids.map((id) => customer(id, { n: 1 }, 'v1')) });
    expect(await store.liveIds('customer', { after: 'C01', upTo: 'C10' })).toEqual(new Set(['C02', 'C03', 'C10']));
    expect(await store.liveIds('customer', { after: 'C10' })).toEqual(new Set(['C2', 'c01']));
    expect(await store.liveIds('customer', { upTo: 'C01' })).toEqual(new Set(['C01']));
  });
});
