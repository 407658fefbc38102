import { performance } from 'node:perf_hooks';
import { createLogger, remainingDeadlineMs, runWithContext } from '@strata/logging';
import { openDatabase, type Database } from '@strata/persistence';
import { DEFAULT_SURVIVORSHIP_RULES } from '../golden/survivorship.rules';
import { prepareSyncDatabase } from '../store/sync-database';
import { ReconciliationRuns } from './reconciliation.runs';
import type { SystemSnapshot } from './system-snapshot';

let db: Database;
beforeAll(async () => {
  db = await prepareSyncDatabase(await openDatabase());
}, 60_000);
afterAll(() => db.close());

describe('a reconciliation run started by a request', () => {
  it("carries on after the request, without the caller's deadline, so its System API reads are not refused as too late", async () => {
    const deadlinesSeen: (number | undefined)[] = [];
    const snapshot: SystemSnapshot = {
      system: 'core-banking',
      async *records() {
        deadlinesSeen.push(remainingDeadlineMs());
        yield* [];
      },
    };
    const runs = new ReconciliationRuns(db, [snapshot], { rules: DEFAULT_SURVIVORSHIP_RULES, deleteAction: 'deactivate' }, createLogger({ service: 'test', silent: true }));
    // As the route handler runs it: inside a request whose caller waits 1 s.
    const started = await runWithContext({ correlationId: 'c-recon', deadlineAt: performance.now() + 1000 }, () => runs.start({ repair: false, trigger: 'manual' }));
    await runs.settled();

    expect(deadlinesSeen).toEqual([undefined]);
    expect(await runs.get(started.id)).toMatchObject({ status: 'completed' });
  });
});
