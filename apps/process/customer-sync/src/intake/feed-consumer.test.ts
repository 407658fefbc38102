import { createLogger } from '@strata/logging';
import { openDatabase, type Database } from '@strata/persistence';
import { MemoryFeed } from '../__fixtures__/memory-feed';
import { DEFAULT_SURVIVORSHIP_RULES } from '../golden/survivorship.rules';
import { prepareSyncDatabase } from '../store/sync-database';
import { FeedConsumer } from './feed-consumer';

const logger = createLogger({ service: 'test', silent: true });
const policy = { rules: DEFAULT_SURVIVORSHIP_RULES, deleteAction: 'deactivate' as const };

describe('FeedConsumer', () => {
  let db: Database;
  const consumers: FeedConsumer[] = [];
  const consumer = (feed: MemoryFeed) => {
    const created = new FeedConsumer({ db, feed, policy, logger, waitMs: 0, leaseRetryMs: 50 });
    consumers.push(created);
    return created;
  };
  const goldenCount = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM golden_customers')).rows[0]?.n);
  const historyCount = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM golden_history')).rows[0]?.n);

  beforeAll(async () => {
    db = await prepareSyncDatabase(await openDatabase());
  });
  afterAll(async () => db.close());
  beforeEach(async () => {
    await db.exec('TRUNCATE golden_customers, xref, match_keys, golden_history, match_reviews, outbox, feed_cursors, deliveries CASCADE');
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
  });

  it('applies each page and moves the cursor with it, page by page', async () => {
    const feed = new MemoryFeed('core-banking');
    for (let i = 1; i <= 3; i += 1) feed.push(`P${i}`, { key: `CK-00000${i}`, lastName: `Person${i}` });
    const intake = consumer(feed);

    expect(await intake.consumePage()).toBe(true);
    expect(await goldenCount()).toBe(2);
    expect(await intake.consumePage()).toBe(true);
    expect(await intake.consumePage()).toBe(false);
    expect(await goldenCount()).toBe(3);
  });

  it("applies a page again at once when another feed's page took its new golden key or deadlocked with it first", async () => {
    // The first two page transactions lose such a race: PostgreSQL aborts them before they write anything.
    const races = [Object.assign(new Error('duplicate key value violates unique constraint "golden_customers_pkey"'), { code: '23505' }), Object.assign(new Error('deadlock detected'), { code: '40P01' })];
    const racing = new Proxy(db, {
      get(target, property) {
        if (property === 'transaction') {
          return (fn: Parameters<Database['transaction']>[0]) => {
            const lost = races.shift();
            return lost ? Promise.reject(lost) : target.transaction(fn);
          };
        }
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const feed = new MemoryFeed('core-banking');
    feed.push('P1', { key: 'CK-000001', lastName: 'One' });
    const intake = new FeedConsumer({ db: racing, feed, policy, logger, waitMs: 0 });

    expect(await intake.consumePage()).toBe(true);
    expect(races).toHaveLength(0);
    expect(await goldenCount()).toBe(1);
    expect(await intake.consumePage()).toBe(false);
  });

  it('applies nothing of a page that fails halfway, then applies it exactly once when retried', async () => {
    const feed = new MemoryFeed('core-banking');
    feed.push('P1', { key: 'CK-000001', lastName: 'One' });
    feed.push('P2', { key: 'CK-000002', lastName: 'Two' });
    feed.explodeOn = 'P2';
    const intake = consumer(feed);

    await expect(intake.consumePage()).rejects.toThrow('cannot map P2');
    expect(await goldenCount()).toBe(0);

    feed.explodeOn = undefined;
    await intake.consumePage();
    await intake.consumePage();
    expect(await goldenCount()).toBe(2);
    expect(await historyCount()).toBe(2);
  });

  it('resumes from the stored cursor in a new consumer (a restart) without re-applying anything', async () => {
    const feed = new MemoryFeed('salesforce');
    feed.push('003A', { key: 'CK-000001', lastName: 'A', email: 'a@example.com' });
    feed.push('003A', { key: 'CK-000001', lastName: 'A', email: 'a2@example.com' });
    await consumer(feed).consumePage();
    feed.push('003A', { key: 'CK-000001', lastName: 'A', email: 'a3@example.com' });

    const restarted = consumer(feed);
    await restarted.consumePage();

    const versions = await db.query<{ version: number }>('SELECT version FROM golden_history ORDER BY version');
    expect(versions.rows.map((r) => r.version)).toEqual([1, 2, 3]);
  });

  it('lets only one replica consume a feed, and another takes over when it stops', async () => {
    const feed = new MemoryFeed('card-platform');
    const first = consumer(feed);
    const second = consumer(feed);
    first.start();
    await waitFor(() => first.isConsuming());
    second.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(second.isConsuming()).toBe(false);

    await first.stop();
    await waitFor(() => second.isConsuming());
    feed.push('CP1', { key: 'CK-000009', lastName: 'Late' });
    await waitFor(async () => (await goldenCount()) === 1);
  });
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
