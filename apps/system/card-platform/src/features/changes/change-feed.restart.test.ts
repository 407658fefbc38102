/**
 * The change feed across a crash of the System API as a real process (main.ts over the
 * same data folder), killed with -9 in the middle of a snapshot pass: every cardholder
 * arrives once as created, and changes made while it was down arrive exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type AppProcess, startAppProcess } from '@strata/testing';
import { startEmulatorProcess } from '../../__fixtures__/system-api.harness';
import { testServiceHeader } from '@strata/service-auth/testing';

jest.setTimeout(120_000);

type Change = { changeType: string; entityId: string };
let emulator: Awaited<ReturnType<typeof startEmulatorProcess>>;
let api: AppProcess | undefined;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cp-api-restart-'));

const startApi = () =>
  startAppProcess('apps/system/card-platform', { CARD_PLATFORM_URL: emulator.url, DATA_DIR: dataDir, SNAPSHOT_PAGE_SIZE: '5', SNAPSHOT_INTERVAL_MS: '200' }, { timeoutMs: 60_000 });

async function statusOf(url: string): Promise<{ position: { pass: number; page: number } | null }> {
  return (await fetch(`${url}/v1/changes/status`, { headers: testServiceHeader('system-card-platform') })).json() as Promise<{ position: { pass: number; page: number } | null }>;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

async function allChanges(url: string): Promise<Change[]> {
  const res = await fetch(`${url}/v1/changes?limit=1000`, { headers: testServiceHeader('system-card-platform') });
  return ((await res.json()) as { changes: Change[] }).changes;
}

beforeAll(async () => {
  emulator = await startEmulatorProcess(120);
});
afterAll(async () => {
  await api?.stop('SIGKILL');
  await emulator?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('after kill -9 mid-pass, delivers each cardholder and each later change exactly once', async () => {
  const initial = await emulator.count();
  await emulator.admin('/faults', 'PUT', { latencyMs: 120 });
  api = await startApi();
  const firstUrl = api.url;
  await waitFor('the first pass to be a few pages in', async () => ((await statusOf(firstUrl)).position?.page ?? 0) >= 3);
  await api.stop('SIGKILL');

  const [edited, removed] = await firstTwoIds();
  await emulator.admin(`/cardholders/${edited}`, 'PATCH', { EmailAddress: 'while-down@example.org' });
  await emulator.admin(`/cardholders/${removed}`, 'DELETE');
  const [created] = await (await emulator.soapClient()).UpsertCardholderAsync({ Cardholder: { CustomerRef: 'CK-880001', FullName: 'ADDED, WHILE DOWN', Status: 'OPEN' } });

  api = await startApi();
  const url = api.url;
  await waitFor('a full pass after the restart', async () => ((await statusOf(url)).position?.pass ?? 0) >= 3);
  const changes = await allChanges(url);
  const ofType = (type: string) => changes.filter((c) => c.changeType === type).map((c) => c.entityId);
  expect(ofType('created')).toHaveLength(initial + 1);
  expect(new Set(ofType('created')).size).toBe(initial + 1);
  expect(ofType('created')).toContain(created.Cardholder.CardholderId);
  expect(ofType('updated')).toEqual([edited]);
  expect(ofType('deleted')).toEqual([removed]);
});

/** The two lowest ids: both in the first page, so the crashed process had already committed them. */
async function firstTwoIds(): Promise<[string, string]> {
  const [page] = await (await emulator.soapClient()).ListCardholdersAsync({ PageSize: 2 });
  return [page.Cardholder[0].CardholderId, page.Cardholder[1].CardholderId];
}
