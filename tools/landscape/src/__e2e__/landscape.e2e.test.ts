/**
 * The whole landscape started exactly as a newcomer starts it: `npm start` in the
 * workspace root (every app on its architecture port, demo data, a demo client and demo
 * users). The scenario then runs through the experience layer with the credentials
 * `npm start` wrote to `.data/landscape/demo.env`:
 *
 * 1. a customer changes their phone through the mobile API (`PATCH /v1/me`);
 * 2. it reaches Salesforce (read back through jsforce) and all three banking backends,
 *    and the advisor API's Customer 360 shows it in the history and every system in step;
 * 3. the card platform (the emulator process, the backend itself) is killed; another
 *    change made meanwhile reaches the other systems, and after the card platform is
 *    started again it arrives there too;
 * 4. Ctrl-C (SIGINT to the process group, as a terminal sends it) stops everything and
 *    leaves no port in use.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Connection } from 'jsforce';
import { eventually, startAppProcess, type AppProcess } from '@strata/testing';
import { appsOnBusyPorts } from '../free-ports';
import { findLandscapeApps } from '../landscape-apps';

jest.setTimeout(15 * 60_000);

const ROOT = path.resolve(__dirname, '../../../..');
const ENV_FILE = path.join(ROOT, '.data/landscape/demo.env');
const READY_MS = 10 * 60_000;
const PROPAGATION_MS = 3 * 60_000;
const URL = {
  mobile: 'http://127.0.0.1:8081',
  advisor: 'http://127.0.0.1:8082',
  salesforce: 'http://127.0.0.1:8381',
  coreBanking: 'http://127.0.0.1:8382',
  loanMainframe: 'http://127.0.0.1:8384',
};
const CARD_PLATFORM_PORT = 8383;
/** The Salesforce emulator's integration user (its documented local defaults). */
const SF = { clientId: 'strata-local-client', clientSecret: 'strata-local-secret', username: 'integration@strata.local', password: 'strata-local-password' };

type System = 'salesforce' | 'core-banking' | 'card-platform' | 'loan-mainframe';
interface View360 {
  customer: { phone: string | null };
  systems: { system: System; recordId: string; status: string; record: { phone: string | null } | null; reason: string | null }[];
  history: { items: { changes: { field: string; to: unknown }[] }[] };
}

const apps = findLandscapeApps(ROOT);
const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '');
let landscape: ChildProcess | undefined;
let output = '';
let restartedCard: AppProcess | undefined;

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** `export NAME=value` lines, as `npm start` writes them for `source`. */
function readExports(file: string): Record<string, string> {
  return Object.fromEntries([...readFileSync(file, 'utf8').matchAll(/^export ([A-Z_]+)=(.*)$/gm)].map((m) => [m[1] as string, m[2] as string]));
}

/** A claim of a JWT we were handed (not verified: the APIs do that). */
function claimOf(token: string, claim: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  return String(payload[claim]);
}

/** The pid listening on a loopback port, from `ss` (the test kills that one process, as an outage would). */
function listeningPid(port: number): number {
  const listed = spawnSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' }).stdout;
  const pid = /pid=(\d+)/.exec(listed)?.[1];
  if (!pid) throw new Error(`nothing listens on port ${port}: ${listed}`);
  return Number(pid);
}

function stopLandscape(signal: NodeJS.Signals): void {
  if (landscape?.pid && landscape.exitCode === null) process.kill(-landscape.pid, signal);
}

beforeAll(async () => {
  const busy = await appsOnBusyPorts(apps);
  if (busy.length > 0) throw new Error(`ports in use (is npm start already running?): ${busy.map((app) => `${app.name} ${app.port}`).join(', ')}`);
  rmSync(ENV_FILE, { force: true });
  // Its own process group, so SIGINT reaches every process the way Ctrl-C in a terminal does.
  landscape = spawn('npm', ['start'], { cwd: ROOT, detached: true, env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-500_000);
  };
  landscape.stdout?.on('data', keep);
  landscape.stderr?.on('data', keep);
  const ready = await eventually(
    'npm start to report every app ready and write the demo credentials',
    async () => {
      if (landscape?.exitCode !== null) throw new Error(`npm start exited (${landscape?.exitCode}):\n${output.slice(-5000)}`);
      const line = /\[landscape\] (\d+) of (\d+) apps ready/.exec(output);
      return line && existsSync(ENV_FILE) ? { ready: Number(line[1]), of: Number(line[2]) } : undefined;
    },
    (seen) => seen !== undefined,
    READY_MS,
    1000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n--- npm start said ---\n${output.slice(-8000)}`);
  });
  expect(ready).toEqual({ ready: apps.length, of: apps.length });
}, READY_MS + 60_000);

afterAll(async () => {
  await restartedCard?.stop('SIGTERM');
  stopLandscape('SIGINT');
  const stopped = landscape ? await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 60_000);
    landscape?.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
    if (landscape?.exitCode !== null) resolve(true);
  }) : true;
  if (!stopped) stopLandscape('SIGKILL');
  expect(stopped).toBe(true);
  // Ctrl-C must leave nothing behind: every app's port is free again.
  const left = await eventually('every port to be free', () => appsOnBusyPorts(apps), (busy) => busy.length === 0, 30_000).catch(() => undefined);
  expect(left).toEqual([]);
}, 120_000);

it('npm start: a phone change through the mobile API reaches every system, the advisor sees it, and a change made while the card platform is down arrives after it returns', async () => {
  const demo = readExports(ENV_FILE);
  const client = { 'x-client-id': demo['STRATA_CLIENT_ID'] ?? '', 'x-client-secret': demo['STRATA_CLIENT_SECRET'] ?? '' };
  const customerToken = demo['CUSTOMER_TOKEN'] ?? '';
  expect(customerToken).not.toBe('');
  const asCustomer = { ...client, authorization: `Bearer ${customerToken}`, 'content-type': 'application/json' };
  const asAdvisor = { ...client, authorization: `Bearer ${demo['ADVISOR_TOKEN'] ?? ''}` };
  const customerKey = claimOf(customerToken, 'customer_key');
  const view360 = () => json<View360>(`${URL.advisor}/v1/customers/${customerKey}`, { headers: asAdvisor });
  const changePhone = async (phone: string) => {
    const me = await fetch(`${URL.mobile}/v1/me`, { headers: asCustomer });
    expect(me.status).toBe(200);
    const patched = await fetch(`${URL.mobile}/v1/me`, { method: 'PATCH', headers: { ...asCustomer, 'if-match': me.headers.get('etag') ?? '' }, body: JSON.stringify({ phone }) });
    expect(patched.status).toBe(202);
  };
  const systemsHold = (phone: string, systems: System[]) => (view: View360) =>
    systems.every((system) => {
      const own = view.systems.find((s) => s.system === system);
      return own?.status === 'in-step' && digits(own.record?.phone) === digits(phone);
    });

  // 1-2: through the mobile API to every system; the advisor's 360 shows it.
  const first = `+1415555${String(Date.now() % 10_000).padStart(4, '0')}`;
  await changePhone(first);
  const all: System[] = ['salesforce', 'core-banking', 'card-platform', 'loan-mainframe'];
  const view = await eventually('the advisor 360 to show every system in step with the new phone', view360, systemsHold(first, all), PROPAGATION_MS);
  expect(view.history.items.some((entry) => entry.changes.some((c) => c.field === 'phone' && digits(c.to) === digits(first)))).toBe(true);
  const ids = Object.fromEntries(view.systems.map((s) => [s.system, s.recordId])) as Record<System, string>;
  const crm = new Connection({ oauth2: { loginUrl: URL.salesforce, clientId: SF.clientId, clientSecret: SF.clientSecret }, version: '58.0' });
  await crm.login(SF.username, SF.password);
  expect(digits(((await crm.sobject('Contact').retrieve(ids.salesforce)) as { Phone?: string | null }).Phone)).toBe(digits(first));
  expect(digits((await json<{ contact: { phone: string | null } }>(`${URL.coreBanking}/parties/${ids['core-banking']}`)).contact.phone)).toBe(digits(first));
  expect(digits((await json<{ phone?: string | null }>(`${URL.loanMainframe}/__admin/loans/${ids['loan-mainframe']}`)).phone)).toBe(digits(first));

  // 3: the card platform goes down; a change made meanwhile reaches the others, then it.
  process.kill(listeningPid(CARD_PLATFORM_PORT), 'SIGKILL');
  await eventually('the advisor 360 to report the card platform unavailable', view360, (v) => v.systems.find((s) => s.system === 'card-platform')?.status === 'unavailable', 60_000);
  const second = `+1415556${String(Date.now() % 10_000).padStart(4, '0')}`;
  await changePhone(second);
  await eventually('the other systems to hold the change made while the card platform is down', view360, systemsHold(second, ['salesforce', 'core-banking', 'loan-mainframe']), PROPAGATION_MS);
  restartedCard = await startAppProcess('apps/emulators/card-platform', { PORT: String(CARD_PLATFORM_PORT), SEED_PEOPLE: '200' }, { timeoutMs: 120_000 });
  await eventually('the card platform to receive the change once it is back', view360, systemsHold(second, all), PROPAGATION_MS);
});
