import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { createLogger } from '@strata/logging';
import { openDatabase, type Database } from '@strata/persistence';
import type { Observation } from './change-feed.types';
import { PolledChangeFeed, type FeedSource, type PollContext, type PollOutcome } from './polled-change-feed';

const silent = createLogger({ service: 'test', level: 'error', stream: new Writable({ write: (_c, _e, done) => done() }) });

/** A backend whose records the test edits; each poll returns everything changed after the position. */
class FakeSource implements FeedSource<number> {
  readonly name = 'fake';
  polls = 0;
  /** When each poll began (ms since the epoch). */
  readonly pollTimes: number[] = [];
  /** Index in `pollTimes` of the last poll that returned changes. */
  lastFindingPoll = -1;
  failNext = 0;
  private log: { at: number; observation: Observation }[] = [];
  private clock = 0;

  set(id: string, data: Record<string, unknown>): void {
    this.clock += 1;
    this.log.push({ at: this.clock, observation: { entityType: 'customer', entityId: id, data, mark: String(this.clock) } });
  }

  async poll({ position }: PollContext<number>): Promise<PollOutcome<number>> {
    this.polls += 1;
    this.pollTimes.push(Date.now());
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('backend down');
    }
    const newer = this.log.filter((entry) => entry.at > (position ?? 0));
    const page = newer.slice(0, 2);
    if (page.length > 0) this.lastFindingPoll = this.pollTimes.length - 1;
    return { observations: page.map((e) => e.observation), position: page.at(-1)?.at ?? position ?? 0, more: newer.length > 2 };
  }
}

describe('PolledChangeFeed', () => {
  let db: Database;
  const feeds: PolledChangeFeed<number>[] = [];

  const startFeed = async (source: FakeSource, intervalMs = 50) => {
    const feed = new PolledChangeFeed({ db, source, logger: silent, registry: new Registry(), intervalMs, maxBackoffMs: 200 });
    feeds.push(feed);
    await feed.start();
    return feed;
  };

  beforeEach(async () => {
    db = await openDatabase();
  });
  afterEach(async () => {
    await Promise.all(feeds.splice(0).map((feed) => feed.stop()));
    await db.close();
  });

  it('pages through everything the backend holds and serves it in order, each change once', async () => {
    const source = new FakeSource();
    for (const id of ['a', 'b', 'c', 'd', 'e']) source.set(id, { id });
    const feed = await startFeed(source, 10_000);

    await feed.drain();
    const page = await feed.read<{ id: string }>({ limit: 100, waitMs: 0 });

    expect(page.changes.map((c) => [c.changeType, c.entityId])).toEqual(['a', 'b', 'c', 'd', 'e'].map((id) => ['created', id]));
    const after = await feed.read({ after: page.nextCursor, limit: 100, waitMs: 0 });
    expect(after.changes).toEqual([]);
  });

  it('wakes a long poll as soon as a poll commits a change', async () => {
    const source = new FakeSource();
    const feed = await startFeed(source, 30);
    const head = await feed.read({ limit: 10, waitMs: 0 });

    const started = Date.now();
    const waiting = feed.read({ after: head.nextCursor, limit: 10, waitMs: 5000 });
    setTimeout(() => source.set('late', { id: 'late' }), 100);
    const page = await waiting;

    expect(page.changes.map((c) => c.entityId)).toEqual(['late']);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('keeps polling through backend failures, reports the last error, and loses nothing', async () => {
    const source = new FakeSource();
    source.failNext = 3;
    source.set('a', { id: 'a' });
    const feed = await startFeed(source, 20);

    await waitFor(async () => (await feed.status()).lastError === 'backend down');
    await waitFor(async () => (await feed.read({ limit: 10, waitMs: 0 })).changes.length === 1);
    const status = await feed.status();

    expect(source.polls).toBeGreaterThanOrEqual(4);
    expect(status.lastError).toBeNull();
    expect(status.position).toBe(1);
  });

  it('polls a quiet backend less and less, and at full speed again once it changes', async () => {
    const source = new FakeSource();
    const feed = new PolledChangeFeed({ db, source, logger: silent, registry: new Registry(), intervalMs: 20, quietIntervalMs: 1000 });
    feeds.push(feed);
    await feed.start();
    const gapsAfter = (index: number) => source.pollTimes.slice(index + 1).map((at, i) => at - (source.pollTimes[index + i] ?? at));

    // Pauses of 40, 80, 160, 320, 640, then 1,000 ms; a fixed 20 ms pause would poll dozens of times.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const quietGaps = gapsAfter(0);
    expect(source.pollTimes.length).toBeLessThanOrEqual(10);
    expect(quietGaps.at(-1)).toBeGreaterThanOrEqual(600);

    source.set('a', { id: 'a' });
    await waitFor(async () => (await feed.read({ limit: 10, waitMs: 0 })).changes.length === 1);
    const found = source.lastFindingPoll;
    await waitFor(async () => source.pollTimes.length > found + 1);
    // Right after the round that found a change by others the pause is 20 ms again (plus the poll itself).
    expect(gapsAfter(found)[0]).toBeLessThan(500);
  });

  it('lets one replica poll at a time and hands over when it stops', async () => {
    const source = new FakeSource();
    const first = await startFeed(source);
    const second = await startFeed(source);
    await waitFor(async () => first.isPolling() || second.isPolling());
    const [leader, follower] = first.isPolling() ? [first, second] : [second, first];

    expect(follower.isPolling()).toBe(false);
    await leader.stop();
    await waitFor(async () => follower.isPolling());
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
