import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freeStablePort, startAppProcess, type AppProcess } from '../app-process';

/** Every backend, its System API, and customer-sync, each a real process on free ports. */
export interface Landscape {
  emulators: Record<'salesforce' | 'core-banking' | 'card-platform' | 'loan-mainframe', AppProcess>;
  systems: Record<'salesforce' | 'core-banking' | 'card-platform' | 'loan-mainframe', AppProcess>;
  sync: AppProcess;
  /** Starts another customer-sync on its own port with the same settings (a replica; share a DATABASE_URL). */
  startSyncReplica(): Promise<AppProcess>;
  /** Stops customer-sync with `signal` and starts it again on the same port and data. */
  restartSync(signal?: NodeJS.Signals): Promise<void>;
  /** Kills one backend (SIGKILL) and starts it again on the same port and data once `whileDown` resolves. */
  restartEmulator(emulator: keyof Landscape['emulators'], whileDown?: () => Promise<void>): Promise<void>;
  /** Stops one System API and starts it again on the same port and data once `whileDown` resolves. */
  restartSystem(system: keyof Landscape['systems'], whileDown?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export interface LandscapeOptions {
  people: number;
  /** Extra environment for customer-sync. */
  syncEnv?: Record<string, string>;
  /** Extra environment per System API (a `DATABASE_URL` to run it on PostgreSQL as deployed). */
  systemEnv?: Partial<Record<keyof Landscape['systems'], Record<string, string>>>;
  /** Extra environment per emulator (a `DATABASE_URL` to keep its data on PostgreSQL instead of PGlite). */
  emulatorEnv?: Partial<Record<keyof Landscape['emulators'], Record<string, string>>>;
  /**
   * Environment for every process (emulators, System APIs, customer-sync), under each
   * one's own settings: `NODE_ENV: 'production'` for a benchmark that measures the apps as
   * deployed.
   */
  appEnv?: Record<string, string>;
  /** Node flags for every process, e.g. `--cpu-prof` to profile them all. */
  nodeArgs?: string[];
}

/** Emulators seed their people before they listen: about 7 ms a person each on a busy two-core machine, four at once. */
const bootMs = (people: number) => 180_000 + people * 40;

/**
 * Starts the whole landscape the way `npm start` does, but isolated: temp data folders,
 * a temp exchange folder for the loan files, free ports, and the same seed everywhere
 * so the emulators hold the same people. Emulators first (they seed), then System APIs,
 * then customer-sync.
 */
export async function startLandscape(options: LandscapeOptions): Promise<Landscape> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'strata-landscape-'));
  const dir = (name: string) => {
    const full = path.join(root, name);
    mkdirSync(full, { recursive: true });
    return full;
  };
  const exchange = { LOAN_OUTBOUND_DIR: dir('exchange/outbound'), LOAN_INBOUND_DIR: dir('exchange/inbound') };
  const seed = { SEED_PEOPLE: String(options.people), SEED: 'strata' };
  const started: AppProcess[] = [];
  const start = async (project: string, env: Record<string, string>) => {
    const app = await startAppProcess(project, { ...options.appEnv, ...env }, { timeoutMs: bootMs(options.people), nodeArgs: options.nodeArgs });
    started.push(app);
    return app;
  };
  try {
    const emulatorEnv = {
      salesforce: { ...seed, DATA_DIR: dir('sf-org') },
      'core-banking': { ...seed, DATA_DIR: dir('bank') },
      'card-platform': { ...seed, DATA_DIR: dir('cards') },
      'loan-mainframe': { ...seed, ...exchange, DATA_DIR: dir('loans'), LOAN_CYCLE_MS: '200' },
    };
    // Stable ports (outside the ephemeral range), so a restarted backend gets its port back.
    const startEmulator = async (name: keyof typeof emulatorEnv, port?: number) =>
      start(`apps/emulators/${name}`, { ...emulatorEnv[name], ...options.emulatorEnv?.[name], PORT: String(port ?? (await freeStablePort())) });
    const [sfe, cbe, cpe, lne] = await Promise.all([startEmulator('salesforce'), startEmulator('core-banking'), startEmulator('card-platform'), startEmulator('loan-mainframe')]);
    const systemEnv = {
      salesforce: { SALESFORCE_LOGIN_URL: sfe.url, DATA_DIR: dir('sys-sf') },
      'core-banking': { CORE_BANKING_URL: cbe.url, DATA_DIR: dir('sys-cb'), FEED_POLL_INTERVAL_MS: '250' },
      // A fixed 0.5 s between passes: SNAPSHOT_QUIET_INTERVAL_MS (4 s) cut the card pair's idle CPU by half in
      // the sync bench, but the first card change after a quiet spell waited for the slow pass (lag p99 2.6 s -> 7.1 s).
      'card-platform': { CARD_PLATFORM_URL: cpe.url, DATA_DIR: dir('sys-cp'), SNAPSHOT_INTERVAL_MS: '500' },
      'loan-mainframe': { LOAN_MAINFRAME_ADMIN_URL: lne.url, ...exchange, DATA_DIR: dir('sys-ln'), LOAN_POLL_INTERVAL_MS: '250' },
    };
    const ports = { salesforce: await freeStablePort(), 'core-banking': await freeStablePort(), 'card-platform': await freeStablePort(), 'loan-mainframe': await freeStablePort() };
    const startSystem = (name: keyof typeof systemEnv) => start(`apps/system/${name}`, { ...systemEnv[name], ...options.systemEnv?.[name], PORT: String(ports[name]) });
    const [sfs, cbs, cps, lns] = await Promise.all([startSystem('salesforce'), startSystem('core-banking'), startSystem('card-platform'), startSystem('loan-mainframe')]);
    const systems = { salesforce: sfs, 'core-banking': cbs, 'card-platform': cps, 'loan-mainframe': lns };
    const syncPort = String(await freeStablePort());
    const syncEnv = {
      PORT: syncPort,
      DATA_DIR: dir('sync'),
      SYSTEM_SALESFORCE_URL: sfs.url,
      SYSTEM_CORE_BANKING_URL: cbs.url,
      SYSTEM_CARD_PLATFORM_URL: cps.url,
      SYSTEM_LOAN_MAINFRAME_URL: lns.url,
      ...options.syncEnv,
    };
    const landscape: Landscape = {
      emulators: { salesforce: sfe, 'core-banking': cbe, 'card-platform': cpe, 'loan-mainframe': lne },
      systems,
      sync: await start('apps/process/customer-sync', syncEnv),
      async startSyncReplica() {
        return start('apps/process/customer-sync', { ...syncEnv, PORT: String(await freeStablePort()) });
      },
      async restartSync(signal = 'SIGTERM') {
        await landscape.sync.stop(signal);
        landscape.sync = await start('apps/process/customer-sync', syncEnv);
      },
      async restartEmulator(emulator, whileDown = async () => undefined) {
        const { port } = landscape.emulators[emulator];
        await killAndRestart(landscape.emulators, emulator, () => startEmulator(emulator, port), whileDown);
      },
      async restartSystem(system, whileDown = async () => undefined) {
        await killAndRestart(landscape.systems, system, () => startSystem(system), whileDown);
      },
      async close() {
        await Promise.all(started.map((app) => app.stop('SIGTERM').catch(() => null)));
        rmSync(root, { recursive: true, force: true });
      },
    };
    return landscape;
  } catch (error) {
    await Promise.all(started.map((app) => app.stop('SIGKILL').catch(() => null)));
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

/** SIGKILLs one app of a group, runs `whileDown`, and puts a fresh process (same data, same port) in its place. */
async function killAndRestart<K extends string>(apps: Record<K, AppProcess>, name: K, start: () => Promise<AppProcess>, whileDown: () => Promise<void>): Promise<void> {
  await apps[name].stop('SIGKILL');
  await whileDown();
  apps[name] = await start();
}
