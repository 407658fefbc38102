/**
 * `npm start`: the whole landscape on one machine. Every app with a `serve` target runs
 * as its own process on its own port through Nx's runner (which prefixes each log line
 * with the app's name and stops them all on Ctrl-C). Around it, this script:
 * 1. makes this run's secrets and passes them to every app through the environment
 *    (demo API client, identity provider, staff users, service-token secret);
 * 2. waits for ports another landscape still holds, never stopping what it did not start;
 * 3. starts the emulators first and the APIs once the backends answer (as compose's
 *    depends_on does: on two cores a System API's start would only compete with the
 *    backends it waits for);
 * 4. waits until every app answers `/health/ready`, registers the demo customer under
 *    the golden key customer-sync gave them, and prints the apps, credentials and a curl;
 * 5. keeps watching: an app whose process exits or that stops answering is reported
 *    loudly, never left dead quietly.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { probeReady, type AppState } from './app-probe';
import { AppProcesses } from './app-processes';
import { demoPerson, fetchUserToken, goldenKeyOf, registerCustomer } from './demo-customer';
import { waitForFreePorts } from './free-ports';
import { findLandscapeApps, type LandscapeApp } from './landscape-apps';
import { buildLandscapeEnv, type DemoCredentials } from './landscape-env';
import { credentialExports, formatAppTable, formatTryIt, type TryItInput } from './landscape-report';
import { watchLandscape } from './landscape-watcher';
import { startNxRunner, type NxRunner } from './nx-runner';
import { waitUntilReady } from './wait-until-ready';
import { createServiceTokenIssuer } from '@strata/service-auth';

const ROOT = path.resolve(__dirname, '../../..');
const ENV_FILE = '.data/landscape/demo.env';
const READY_TIMEOUT_MS = 10 * 60_000;
const PORT_WAIT_MS = 10 * 60_000;
const LINK_TIMEOUT_MS = 3 * 60_000;

const say = (message: string): void => void process.stdout.write(`[landscape] ${message}\n`);
const red = (text: string) => (process.stderr.isTTY ? `\u001b[1;31m${text}\u001b[0m` : text);
/** Framed and red, so a report stands out of the interleaved log lines of a dozen apps. */
const loud = (message: string): void => void process.stderr.write(`\n${red(`${'!'.repeat(78)}\n!! landscape: ${message}\n${'!'.repeat(78)}`)}\n\n`);
const names = (apps: readonly LandscapeApp[]) => apps.map((app) => `${app.name} (${app.port})`).join(', ');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where the apps the script talks to listen, and a service token for customer-sync. */
interface LandscapeUrls {
  sync: string;
  identity: string;
  mobile: string;
  syncToken: () => string;
}

/** Looks up the demo customer's golden key, registers them, and signs the demo users in. */
async function prepareTryIt(demo: DemoCredentials, urls: LandscapeUrls): Promise<TryItInput> {
  const input: TryItInput = { demo, mobileUrl: urls.mobile, identityUrl: urls.identity, envFile: ENV_FILE };
  const deadline = Date.now() + LINK_TIMEOUT_MS;
  // The seed every emulator uses (their SEED setting, `strata` unless this environment says otherwise).
  const person = demoPerson(process.env['SEED'] ?? 'strata');
  say(`waiting for customer-sync to link the demo customer (${person.system} ${person.recordId})`);
  while (!input.customerKey && Date.now() < deadline) {
    input.customerKey = await goldenKeyOf(urls.sync, person.system, person.recordId, { authorization: `Bearer ${urls.syncToken()}` }).catch(() => undefined);
    if (!input.customerKey) await sleep(2000);
  }
  try {
    if (input.customerKey) {
      await registerCustomer(urls.identity, demo.customer, input.customerKey);
      input.customerToken = await fetchUserToken(urls.identity, demo.customer);
    } else loud(`customer-sync did not link ${person.system} ${person.recordId} within ${LINK_TIMEOUT_MS / 60_000} minutes: no demo customer this run`);
    input.advisorToken = await fetchUserToken(urls.identity, demo.advisor);
  } catch (error) {
    loud(`could not prepare the demo users: ${(error as Error).message}`);
  }
  return input;
}

async function main(): Promise<void> {
  const apps = findLandscapeApps(ROOT);
  if (apps.length === 0) return say('no apps with a serve target yet (see docs/roadmap.md)');
  const urlOf = (name: string, port: number) => apps.find((app) => app.name === name)?.url ?? `http://127.0.0.1:${port}`;
  const urls = { identity: urlOf('emulators-identity', 8385), sync: urlOf('process-customer-sync', 8181), mobile: urlOf('experience-mobile', 8081) };
  const { env, demo } = await buildLandscapeEnv(urls.identity);
  // customer-sync answers only Strata services: the script calls it as one, with this run's secret.
  const tokens = createServiceTokenIssuer({ secret: env['SERVICE_TOKEN_SECRET'] ?? '', service: 'landscape' });
  const landscapeUrls: LandscapeUrls = { ...urls, syncToken: () => tokens.tokenFor('process-customer-sync') };

  const blocked = await waitForFreePorts(apps, { timeoutMs: PORT_WAIT_MS, report: (busy) => say(`ports in use by something else, waiting for them to be free: ${names(busy)}`) });
  if (blocked.length > 0) {
    loud(`ports still in use after ${PORT_WAIT_MS / 60_000} minutes: ${names(blocked)}; stop whatever holds them and run npm start again`);
    process.exit(1);
  }

  const runners: NxRunner[] = [];
  const run: { stopping: boolean; watcher?: { stop: () => void } } = { stopping: false };
  const processes = new AppProcesses(() => runners.flatMap((r) => (r.child.pid ? [r.child.pid] : [])));
  const probe = async (app: LandscapeApp): Promise<AppState> => {
    processes.refresh([app]);
    return processes.exited(app) ? { state: 'exited', detail: 'its process has exited; its last log lines are above' } : probeReady(app.url);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      run.stopping = true;
      run.watcher?.stop();
      for (const runner of runners) runner.child.kill(signal);
    });
  }
  const launch = (phase: LandscapeApp[]) => {
    say(`starting ${names(phase)}`);
    const runner = startNxRunner(phase, env, ROOT);
    runners.push(runner);
    void runner.exited.then(({ code, signal }) => {
      if (!run.stopping) loud(`the Nx runner of ${phase.map((a) => a.name).join(', ')} exited (${signal ?? `code ${code}`}): those apps have stopped`);
    });
  };

  const phases = [apps.filter((app) => app.layer === 'emulator'), apps.filter((app) => app.layer !== 'emulator')].filter((phase) => phase.length > 0);
  const notReady: LandscapeApp[] = [];
  for (const phase of phases) {
    launch(phase);
    const result = await waitUntilReady(phase, {
      probe,
      timeoutMs: READY_TIMEOUT_MS,
      onProgress: (waiting) => say(`waiting for: ${names(waiting)}`),
      onExited: (app, detail) => loud(`${app.name} (${app.layer}, port ${app.port}) exited before it was ready: ${detail}`),
      stopped: () => run.stopping,
    });
    notReady.push(...result.notReady, ...result.exited);
    if (run.stopping) break;
  }
  // Not awaited: Ctrl-C while it waits for customer-sync must end the script as soon as the apps have stopped.
  if (!run.stopping) report(apps, notReady, demo, landscapeUrls, probe, run).catch((error: Error) => loud(error.message));
  await Promise.all(runners.map((runner) => runner.exited));
  process.exit(run.stopping ? 0 : 1);
}

/** The table and the credentials, then the watcher that keeps reporting. */
async function report(apps: LandscapeApp[], notReady: LandscapeApp[], demo: DemoCredentials, urls: LandscapeUrls, probe: (app: LandscapeApp) => Promise<AppState>, run: { stopping: boolean; watcher?: { stop: () => void } }) {
  if (notReady.length > 0) loud(`not ready: ${names(notReady)}; the others run, and this keeps watching`);
  const tryIt = await prepareTryIt(demo, urls);
  if (run.stopping) return;
  mkdirSync(path.dirname(path.join(ROOT, ENV_FILE)), { recursive: true });
  writeFileSync(path.join(ROOT, ENV_FILE), `${credentialExports(tryIt)}\n`, { mode: 0o600 });
  process.stdout.write(`\n[landscape] ${apps.length - notReady.length} of ${apps.length} apps ready\n\n${formatAppTable(apps, notReady)}\n\n${formatTryIt(tryIt)}\n\nCtrl-C stops every app.\n\n`);
  // Apps not ready start from what they are now, so only a change is reported again.
  const now = new Map(await Promise.all(notReady.map(async (app) => [app.name, await probe(app)] as const)));
  run.watcher = watchLandscape(apps, { probe, report: loud, initial: (app) => now.get(app.name) ?? { state: 'ready' } });
}

main().catch((error: Error) => {
  loud(error.message);
  process.exit(1);
});
