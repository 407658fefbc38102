/**
 * The change feed across restarts of the System API as a real process (main.ts over
 * the same data folder): it resumes after the stored replay id, so the changes made
 * while it was down arrive exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from 'jsforce';
import { AppProcess, freeStablePort, startAppProcess } from '@strata/testing';
import { connectAsOther, readUntil, startOrg, uniqueName, waitFor } from './__fixtures__/change-feed.harness';
import type { FeedChange } from './change-feed.types';
import { testServiceHeader } from '@strata/service-auth/testing';

jest.setTimeout(180_000);

let org: Awaited<ReturnType<typeof startOrg>>;
let other: Connection;
let api: AppProcess | undefined;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sf-changes-api-'));

async function startApi(): Promise<AppProcess> {
  const port = await freeStablePort();
  api = await startAppProcess('apps/system/salesforce', { PORT: String(port), DATA_DIR: dataDir, SALESFORCE_LOGIN_URL: org.url }, { timeoutMs: 120_000 });
  const url = api.url;
  await waitFor('the System API to be ready', async () => (await fetch(`${url}/health/ready`)).status === 200, 60_000);
  return api;
}

const created = async (label: string) => ((await other.sobject('Contact').create({ LastName: uniqueName(label) })) as { id: string }).id;
const createdIds = (changes: FeedChange[]) => changes.filter((c) => c.changeType === 'created').map((c) => c.entityId);

beforeAll(async () => {
  org = await startOrg();
  other = await connectAsOther(org.url);
}, 120_000);

afterAll(async () => {
  await api?.stop('SIGKILL');
  await org?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Reads on until nothing more arrives for a while, to prove nothing is repeated late. */
async function quietAfter(url: string, cursor: string): Promise<FeedChange[]> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const res = await fetch(`${url}/v1/changes?after=${cursor}&waitMs=500`, { headers: testServiceHeader('system-salesforce') });
  return ((await res.json()) as { changes: FeedChange[] }).changes;
}

it.each([
  ['a graceful stop (SIGTERM)', 'SIGTERM' as const, 0],
  ['a crash (kill -9)', 'SIGKILL' as const, null],
])('after %s, delivers exactly the changes made while it was down, none repeated', async (_case, signal, exitCode) => {
  let running = await startApi();
  const seen = await created('BeforeRestart');
  const before = await readUntil(running.url, undefined, (all) => createdIds(all).includes(seen));
  expect(await running.stop(signal)).toBe(exitCode);

  const missed = [await created('Missed1'), await created('Missed2'), await created('Missed3')];
  running = await startApi();
  const after = await readUntil(running.url, before.nextCursor, (all) => missed.every((id) => createdIds(all).includes(id)));
  const late = await quietAfter(running.url, after.nextCursor);

  expect([...after.changes, ...late].map((c) => [c.changeType, c.entityId])).toEqual(missed.map((id) => ['created', id]));
  const everything = await readUntil(running.url, undefined, (all) => createdIds(all).includes(missed[2]!));
  expect(new Set(everything.changes.map((c) => c.cursor)).size).toBe(everything.changes.length);
  expect(createdIds(everything.changes).filter((id) => id === seen)).toHaveLength(1);
  await running.stop('SIGTERM');
});
