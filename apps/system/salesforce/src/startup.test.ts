/**
 * The System API as a real process (main.ts) whose org is not up yet: it listens at
 * once, says it is not ready and answers 503 while it keeps trying to log in, and
 * serves (change feed streaming) once the org comes up; a refused login ends it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppProcess, freeStablePort, startAppProcess } from '@strata/testing';
import { testServiceHeader } from '@strata/service-auth/testing';
import { startOrg, waitFor } from './features/changes/__fixtures__/change-feed.harness';

jest.setTimeout(180_000);

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sf-startup-'));
const apis: AppProcess[] = [];
let org: Awaited<ReturnType<typeof startOrg>> | undefined;
let orgPort: number;

async function startApi(env: Record<string, string>): Promise<AppProcess> {
  const api = await startAppProcess('apps/system/salesforce', { DATA_DIR: path.join(dataDir, String(apis.length)), SALESFORCE_LOGIN_URL: `http://127.0.0.1:${orgPort}`, SALESFORCE_LOGIN_RETRY_MAX_SECONDS: '1', ...env }, { timeoutMs: 120_000 });
  apis.push(api);
  return api;
}

/** The app's JSON log lines (other output, e.g. from tsx, skipped). */
const logLines = (api: AppProcess) =>
  api
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const get = (api: AppProcess, pathname: string) => fetch(`${api.url}${pathname}`, { headers: testServiceHeader('system-salesforce') });

beforeAll(async () => {
  // Outside the ephemeral range: the retrying login must not self-connect on the org's port.
  orgPort = await freeStablePort();
});

afterAll(async () => {
  for (const api of apis) await api.stop('SIGKILL');
  await org?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('listens before the org is up, is not ready and answers 503 while it keeps trying, then serves once the org comes up', async () => {
  const api = await startApi({});

  expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
  const ready = await fetch(`${api.url}/health/ready`);
  expect(ready.status).toBe(503);
  expect(((await ready.json()) as { checks: Record<string, { status: string; error?: string }> }).checks['salesforce']).toMatchObject({ status: 'down', error: expect.stringMatching(/Salesforce is not connected/) });
  const customers = await get(api, '/v1/customers');
  expect(customers.status).toBe(503);
  expect(customers.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(Number(customers.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(await customers.json()).toMatchObject({ type: 'urn:strata:problem:upstream-unavailable', upstream: 'salesforce', reason: 'connection' });
  await waitFor('a few login retries, each logged', () => (api.output().match(/salesforce not reachable yet; retrying/g) ?? []).length >= 3);
  expect(api.output()).not.toContain('strata-local-password');

  org = await startOrg({ PORT: String(orgPort) });
  // Ready needs the CDC subscription live too: the change feed started once logged in.
  await waitFor('the System API to be ready', async () => (await fetch(`${api.url}/health/ready`)).status === 200, 60_000);
  expect((await get(api, '/v1/customers?limit=1')).status).toBe(200);
  expect((await get(api, '/v1/changes?limit=1')).status).toBe(200);
  expect(api.child.exitCode).toBeNull();
});

it('exits non-zero, saying why, when the org refuses the login', async () => {
  org ??= await startOrg({ PORT: String(orgPort) });
  const api = await startApi({ SALESFORCE_PASSWORD: 'wrong-password' });
  await waitFor('the System API to exit', () => api.child.exitCode !== null, 30_000);
  expect(api.child.exitCode).toBe(1);
  const refusal = logLines(api).find((line) => line['level'] === 'error' && String(line['message']).startsWith('salesforce refused the login'));
  expect(refusal).toMatchObject({ loginUrl: `http://127.0.0.1:${orgPort}`, message: expect.stringContaining('check SALESFORCE_CLIENT_ID') });
  expect(api.output()).not.toContain('wrong-password');
});
