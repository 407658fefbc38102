import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { findWorkspaceRoot } from './workspace-root';
import { TEST_SERVICE_TOKEN_SECRET } from './test-secrets';

/** A port nobody listens on right now, for an app that must know its own URL before starting. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A free port below Linux's ephemeral range (32768+), for an app that starts (or
 * restarts) while clients already try to reach it. With a port from the ephemeral range,
 * a client's own connection attempt can be given that very port as its local port (TCP
 * self-connect), and the app's `listen` then fails with EADDRINUSE.
 */
export async function freeStablePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface AppProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** What the app wrote to stdout and stderr lately (the last megabyte or so). */
  output(): string;
  /** Sends a signal and resolves with the exit code (SIGKILL: a crash, nothing flushed). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs an app's `main.ts` as a real process, the way the landscape and containers do,
 * and resolves once it logs that it is listening. Tests of one app use it to talk to
 * another over HTTP, since apps never import apps.
 *
 * @param project the app's folder from the workspace root, e.g. `apps/emulators/salesforce`
 */
/** libs/persistence's template setting (`TEMPLATE_DIR_ENV` there; not imported: the test helpers stay free of PGlite). */
const PGLITE_TEMPLATE_ENV = 'STRATA_PGLITE_TEMPLATE_DIR';

/** Folder to which every app process's whole output is also written, one file per process; unset: none. */
export const APP_LOG_DIR_ENV = 'STRATA_APP_LOG_DIR';

/**
 * With {@link APP_LOG_DIR_ENV} set, appends the child's whole output to
 * `<dir>/<app>-<port>-<pid>.log`: `output()` keeps only the latest megabyte, and a
 * failure seen in a long e2e run (a dead letter after minutes) needs the whole story.
 */
function keepWholeLog(project: string, port: number, child: ChildProcess): void {
  const dir = process.env[APP_LOG_DIR_ENV];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const file = createWriteStream(path.join(dir, `${project.replace(/^apps\//, '').replace(/\//g, '-')}-${port}-${child.pid}.log`), { flags: 'a' });
  child.stdout?.pipe(file, { end: false });
  child.stderr?.pipe(file, { end: false });
  child.once('close', () => file.end());
}

/** How much of a child's latest output `output()` returns (characters). */
const OUTPUT_KEPT_CHARS = 1_000_000;

export async function startAppProcess(
  project: string,
  env: Record<string, string>,
  options: { timeoutMs?: number; /** Extra node flags, e.g. `--cpu-prof` (which NODE_OPTIONS refuses). */ nodeArgs?: string[] } = {},
): Promise<AppProcess> {
  const root = findWorkspaceRoot();
  const port = Number(env['PORT'] ?? (await freePort()));
  // tsx as an import hook keeps the app one process, so SIGKILL really kills it (the
  // tsx CLI would leave its child running and holding the port).
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', path.join(root, project, 'src/main.ts')], {
    cwd: root,
    env: {
      PATH: process.env['PATH'] ?? '',
      TSX_TSCONFIG_PATH: path.join(root, project, 'tsconfig.json'),
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      // Every Process and System API requires one; tests name their own to test refusals.
      SERVICE_TOKEN_SECRET: TEST_SERVICE_TOKEN_SECRET,
      // The test run's PGlite template setting (tools/ci/jest-project.mjs turns it on), so an app's new databases start from it too.
      ...(process.env[PGLITE_TEMPLATE_ENV] ? { [PGLITE_TEMPLATE_ENV]: process.env[PGLITE_TEMPLATE_ENV] } : {}),
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Only the latest output is kept: a landscape under load logs hundreds of megabytes,
  // and keeping all of it cost the test process memory and time it does not need.
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > OUTPUT_KEPT_CHARS * 2) output = output.slice(-OUTPUT_KEPT_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  keepWholeLog(project, port, child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (!/"message":"listening"/.test(output)) {
    if (child.exitCode !== null) throw new Error(`${project} exited with ${child.exitCode} before listening:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${project} did not listen in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
