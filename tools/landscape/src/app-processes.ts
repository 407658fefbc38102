import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LandscapeApp } from './landscape-apps';

interface ProcessInfo {
  pid: number;
  ppid: number;
  /** `Z` (zombie) and `X` (dead) are exited processes their parent has not reaped yet. */
  state: string;
  cmdline: string;
}

/** `/proc/<pid>/stat`: "pid (comm) state ppid ..."; comm may hold spaces and parentheses. */
function readProcess(procDir: string, pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(path.join(procDir, String(pid), 'stat'), 'utf8');
    const [state = '', ppid = '0'] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(path.join(procDir, String(pid), 'cmdline'), 'utf8').replaceAll('\0', ' ');
    return { pid, ppid: Number(ppid), state, cmdline };
  } catch {
    return undefined;
  }
}

function processes(procDir: string): ProcessInfo[] {
  return readdirSync(procDir)
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readProcess(procDir, Number(entry)))
    .filter((info): info is ProcessInfo => info !== undefined);
}

/**
 * Which processes run each app, found below the Nx runners this script started (an
 * app's command line names its `<root>/src/main.ts`), so "its process has exited" is
 * known, not guessed from a refused connection; other engineers' copies of the same app
 * are never counted. Linux only (`/proc`); elsewhere `exited` is always false and the
 * watcher relies on the port.
 */
export class AppProcesses {
  private readonly seen = new Map<string, Set<number>>();

  constructor(
    private readonly rootPids: () => number[],
    private readonly procDir = '/proc',
  ) {}

  get supported(): boolean {
    return existsSync(path.join(this.procDir, 'self'));
  }

  /** Looks for the processes of apps not seen yet (apps start at different times). */
  refresh(apps: readonly LandscapeApp[]): void {
    if (!this.supported) return;
    const all = processes(this.procDir);
    const below = new Set(this.rootPids());
    for (let grew = true; grew; ) {
      grew = false;
      for (const info of all) {
        if (below.has(info.ppid) && !below.has(info.pid)) {
          below.add(info.pid);
          grew = true;
        }
      }
    }
    for (const app of apps) {
      const pids = all.filter((info) => below.has(info.pid) && info.cmdline.includes(`${app.root}/src/main.ts`)).map((info) => info.pid);
      if (pids.length > 0) this.seen.set(app.name, new Set([...(this.seen.get(app.name) ?? []), ...pids]));
    }
  }

  /** True once every process seen running the app is gone. */
  exited(app: LandscapeApp): boolean {
    const pids = this.seen.get(app.name);
    if (!pids || pids.size === 0) return false;
    return [...pids].every((pid) => {
      const info = readProcess(this.procDir, pid);
      return info === undefined || info.state === 'Z' || info.state === 'X';
    });
  }
}
