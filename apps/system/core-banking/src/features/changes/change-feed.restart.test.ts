/**
 * The change feed across restarts of the System API as a real process (main.ts over
 * the same data folder): the stored position and marks make the changes made while it
 * was down arrive exactly once, and the overlap re-read after restart repeats nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeedChange } from '@strata/change-feed';
import { AppProcess, startAppProcess } from '@strata/testing';
import { tellerParty } from '../../__fixtures__/system-api.harness';
import { testServiceHeader } from '@strata/service-auth/testing';

jest.setTimeout(120_000);

const bankDir = mkdtempSync(path.join(os.tmpdir(), 'cb-bank-'));
const apiDir = mkdtempSync(path.join(os.tmpdir(), 'cb-api-'));
let bank: AppProcess;
let api: AppProcess | undefined;

const startApi = async () =>
  (api = await startAppProcess('apps/system/core-banking', { DATA_DIR: apiDir, CORE_BANKING_URL: bank.url, FEED_POLL_INTERVAL_MS: '100', FEED_OVERLAP_SECONDS: '60' }, { timeoutMs: 60_000 }));

const createParty = async (name: string) => {
  const res = await fetch(`${bank.url}/parties`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(tellerParty(name)) });
  return ((await res.json()) as { partyId: string }).partyId;
};

/** Reads the feed from `after` until `done` holds for everything read, or fails after 20 s. */
async function readUntil(url: string, after: string | undefined, done: (changes: FeedChange[]) => boolean) {
  const changes: FeedChange[] = [];
  let cursor = after;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${url}/v1/changes?waitMs=500&limit=1000${cursor ? `&after=${cursor}` : ''}`, { headers: testServiceHeader('system-core-banking') });
    const page = (await res.json()) as { changes: FeedChange[]; nextCursor: string };
    changes.push(...page.changes);
    cursor = page.nextCursor;
    if (done(changes)) return { changes, cursor };
  }
  throw new Error(`the feed did not deliver in time; got ${changes.map((c) => c.entityId).join(', ')}`);
}

beforeAll(async () => {
  bank = await startAppProcess('apps/emulators/core-banking', { DATA_DIR: bankDir }, { timeoutMs: 60_000 });
});
afterAll(async () => {
  await api?.stop('SIGKILL');
  await bank?.stop('SIGKILL');
  rmSync(bankDir, { recursive: true, force: true });
  rmSync(apiDir, { recursive: true, force: true });
});

/** Changes made while the API is down, then restarts it and reads on from `cursor`. */
async function restartAcross(signal: NodeJS.Signals, cursor: string | undefined, label: string) {
  expect(await api!.stop(signal)).toBe(signal === 'SIGKILL' ? null : 0);
  const missed = [await createParty(`${label}1`), await createParty(`${label}2`), await createParty(`${label}3`)];
  const running = await startApi();
  const after = await readUntil(running.url, cursor, (all) => missed.every((id) => all.some((c) => c.entityId === id)));
  await new Promise((resolve) => setTimeout(resolve, 800));
  const late = await readUntil(running.url, after.cursor, () => true);
  expect([...after.changes, ...late.changes].map((c) => [c.changeType, c.entityId])).toEqual(missed.map((id) => ['created', id]));
  return { missed, cursor: late.cursor };
}

it('after a graceful stop and then a crash (kill -9), delivers exactly the changes made while it was down, none repeated', async () => {
  const running = await startApi();
  const seen = await createParty('Seen');
  const before = await readUntil(running.url, undefined, (all) => all.some((c) => c.entityId === seen));

  const graceful = await restartAcross('SIGTERM', before.cursor, 'AfterStop');
  const crashed = await restartAcross('SIGKILL', graceful.cursor, 'AfterCrash');

  const everything = await readUntil(api!.url, undefined, (all) => all.some((c) => c.entityId === crashed.missed[2]));
  expect(everything.changes.map((c) => c.entityId)).toEqual([seen, ...graceful.missed, ...crashed.missed]);
  await api!.stop('SIGTERM');
});
