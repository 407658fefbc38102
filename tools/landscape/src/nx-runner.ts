import { spawn, type ChildProcess } from 'node:child_process';
import type { LandscapeApp } from './landscape-apps';

/** One `nx run-many -t serve` and the apps it runs. */
export interface NxRunner {
  child: ChildProcess;
  apps: readonly LandscapeApp[];
  /** Resolves with how the runner ended (by then every app it ran has stopped). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs the apps' `serve` targets through Nx's runner, which prefixes each log line with
 * the app's name and stops every app when it gets SIGINT or SIGTERM. `env` reaches
 * every app (Nx passes its environment to each command).
 */
export function startNxRunner(apps: readonly LandscapeApp[], env: Record<string, string>, cwd: string): NxRunner {
  const child = spawn('npx', ['nx', 'run-many', '-t', 'serve', '-p', apps.map((app) => app.name).join(','), `--parallel=${apps.length}`, '--outputStyle=stream'], {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', ...env },
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, apps, exited };
}
