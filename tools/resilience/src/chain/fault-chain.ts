import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashApiKey } from '@strata/edge-security';
import { ISSUER, startTokenIssuer } from '@strata/edge-security/testing';
import { freeStablePort, startAppProcess, startFaultProxy, type AppProcess, type FaultProxy } from '@strata/testing';

/** The calling app the tests present to the mobile API; its tier never rate-limits a fault test. */
export const EDGE_CLIENT = { id: 'resilience-suite', secret: 'resilience-suite-secret' };
const SLA_TIERS = JSON.stringify({ unmetered: { requestsPerMinute: 1_000_000, burst: 100_000 } });
const BOOT_MS = 120_000;

/**
 * One real read and write path, each hop behind its own fault proxy:
 * mobile -> [sync proxy] -> customer-sync -> [system proxy] -> core-banking System API
 * -> [bank proxy] -> core-banking emulator. Only core banking is synced, which keeps the
 * chain at four processes on a two-core machine.
 */
export interface FaultChain {
  bank: AppProcess;
  system: AppProcess;
  sync: AppProcess;
  mobile: AppProcess;
  proxies: { bank: FaultProxy; system: FaultProxy; sync: FaultProxy };
  /** Signs an end-user token for the customer `customerKey` (audience strata-mobile). */
  userToken(customerKey: string): Promise<string>;
  /** SIGKILLs the System API, awaits `whileDown`, starts it again on the same port and data. */
  restartSystem(whileDown?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** Settings a test file may change: breaker reset and bulkheads, so faults play out in seconds. */
export interface FaultChainOptions {
  people?: number;
  mobileEnv?: Record<string, string>;
  syncEnv?: Record<string, string>;
  systemEnv?: Record<string, string>;
}

/**
 * Starts the chain from the back: emulator, proxy, System API, proxy, customer-sync,
 * proxy, mobile; every process on a free port with its own temp data, every proxy
 * forwarding plainly until a test sets a fault.
 */
export async function startFaultChain(options: FaultChainOptions = {}): Promise<FaultChain> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'strata-resilience-'));
  const dir = (name: string) => path.join(root, name);
  const started: AppProcess[] = [];
  const proxies: FaultProxy[] = [];
  const issuer = await startTokenIssuer();
  const start = async (project: string, env: Record<string, string>) => {
    const app = await startAppProcess(project, env, { timeoutMs: BOOT_MS });
    started.push(app);
    return app;
  };
  const proxy = async (port: number) => {
    const created = await startFaultProxy({ target: { host: '127.0.0.1', port } });
    proxies.push(created);
    return created;
  };
  try {
    const bank = await start('apps/emulators/core-banking', { SEED_PEOPLE: String(options.people ?? 20), SEED: 'resilience', DATA_DIR: dir('bank') });
    const bankProxy = await proxy(bank.port);
    // Ports first, so the proxies exist before the apps behind them and the three apps start side by side.
    const [systemPort, syncPort] = [await freeStablePort(), await freeStablePort()];
    const [systemProxy, syncProxy] = [await proxy(systemPort), await proxy(syncPort)];
    // The feed scans the bank once at start; later scans would add bank requests no edge request caused.
    const systemEnv = { CORE_BANKING_URL: bankProxy.url, DATA_DIR: dir('system'), FEED_POLL_INTERVAL_MS: '600000', PORT: String(systemPort), ...options.systemEnv };
    const syncEnv = { SYNC_SYSTEMS: 'core-banking', SYSTEM_CORE_BANKING_URL: systemProxy.url, DATA_DIR: dir('sync'), PORT: String(syncPort), ...options.syncEnv };
    const mobileEnv = {
      CUSTOMER_SYNC_URL: syncProxy.url,
      JWKS_URL: issuer.jwksUrl,
      JWT_ISSUER: ISSUER,
      SLA_TIERS,
      API_CLIENTS: JSON.stringify([{ id: EDGE_CLIENT.id, secretHash: await hashApiKey(EDGE_CLIENT.secret), tier: 'unmetered' }]),
      ...options.mobileEnv,
    };
    const [system, sync, mobile] = await Promise.all([
      start('apps/system/core-banking', systemEnv),
      start('apps/process/customer-sync', syncEnv),
      start('apps/experience/mobile', mobileEnv),
    ]);
    const chain = { system };
    return {
      bank,
      get system() {
        return chain.system;
      },
      sync,
      mobile,
      proxies: { bank: bankProxy, system: systemProxy, sync: syncProxy },
      userToken: (customerKey) => issuer.sign({ claims: { customer_key: customerKey } }),
      async restartSystem(whileDown = async () => undefined) {
        await chain.system.stop('SIGKILL');
        await whileDown();
        chain.system = await start('apps/system/core-banking', systemEnv);
      },
      async close() {
        await Promise.all(started.map((app) => app.stop('SIGTERM').catch(() => null)));
        await Promise.all(proxies.map((p) => p.close()));
        await issuer.close();
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(started.map((app) => app.stop('SIGKILL').catch(() => null)));
    await Promise.all(proxies.map((p) => p.close()));
    await issuer.close();
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
