/**
 * Starts one benchmark server (a TypeScript file next to the benches) in its own
 * process and waits for it to report its port over IPC. Every bench runs its servers
 * this way so no server shares an event loop with the load or with another server,
 * which is how they run when deployed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { processCpuSeconds } from './process-stats';

/** A started server process. */
export interface BenchChild {
  url: string;
  port: number;
  pid: number;
  /** The process itself, for servers that take jobs over IPC (the load generator). */
  child: ChildProcess;
  /** What the child sent with its port (payload size and the like). */
  ready: Record<string, unknown>;
  /** CPU seconds (user + system) the child used so far; NaN where /proc is not there. */
  cpuSeconds(): number;
  /** Disconnects (the child shuts down gracefully) and resolves when it has exited. */
  stop(): Promise<void>;
}

/** How to start a child. */
export interface BenchChildOptions {
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /** Write a V8 CPU profile into this folder when the child exits (`--cpu-prof`). */
  cpuProfileDir?: string;
  /** Longest wait for the port. Default 30 s (tsx compiles on first start). */
  startTimeoutMs?: number;
}

function exited(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Forks `script` (a path relative to bench/) under the same tsx loader as this process. */
export function startBenchChild(script: string, options: BenchChildOptions = {}): Promise<BenchChild> {
  const profiling = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const child = fork(path.join(__dirname, script), {
    env: { ...process.env, ...options.env },
    execArgv: [...process.execArgv, ...profiling],
    // stdout (the servers' log lines) goes to /dev/null: the servers do all the work of
    // logging, and no collector that reads the pipe slowly can hold them up.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not report a port within ${options.startTimeoutMs ?? 30_000} ms`));
    }, options.startTimeoutMs ?? 30_000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
    child.once('message', (ready: { port: number } & Record<string, unknown>) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        url: `http://127.0.0.1:${ready.port}`,
        port: ready.port,
        pid: child.pid ?? 0,
        child,
        ready,
        cpuSeconds: () => processCpuSeconds(child.pid) ?? NaN,
        stop: async () => {
          if (child.connected) child.disconnect();
          await exited(child, 15_000);
        },
      });
    });
  });
}
