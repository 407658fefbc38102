import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppProcess, startAppProcess } from '@strata/testing';

/**
 * The emulator as a real process over temporary folders (database and exchange), for
 * tests that must see it write files, crash and restart.
 */
export async function startMainframe(env: Record<string, string> = {}) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loan-mainframe-'));
  const dirs = { data: path.join(root, 'data'), outbound: path.join(root, 'outbound'), inbound: path.join(root, 'inbound') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const settings = { DATA_DIR: dirs.data, LOAN_OUTBOUND_DIR: dirs.outbound, LOAN_INBOUND_DIR: dirs.inbound, LOAN_CYCLE_MS: '100', SEED_PEOPLE: '20', ...env };
  let app: AppProcess = await startAppProcess('apps/emulators/loan-mainframe', settings, { timeoutMs: 60_000 });
  const admin = async (pathname: string, method = 'POST', body?: unknown) => {
    const res = await fetch(`${app.url}/__admin${pathname}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>) };
  };
  return {
    dirs,
    get url() {
      return app.url;
    },
    admin,
    outboundFiles: async () => (await readdir(dirs.outbound)).sort(),
    read: (name: string) => readFile(path.join(dirs.outbound, name), 'utf8'),
    /** Stops the process with `signal` and starts it again over the same folders. */
    restart: async (signal: NodeJS.Signals) => {
      await app.stop(signal);
      app = await startAppProcess('apps/emulators/loan-mainframe', settings, { timeoutMs: 60_000 });
    },
    close: async () => {
      await app.stop('SIGTERM');
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` holds, or fails naming what it waited for. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
