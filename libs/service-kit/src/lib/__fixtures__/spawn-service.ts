import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const tsxCli = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist/cli.mjs');

export interface SpawnedService {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Runs a TypeScript entry point as a real process, the way a container would. */
export function spawnService(entry: string, env: Record<string, string>): SpawnedService {
  const child = spawn(process.execPath, [tsxCli, path.resolve(__dirname, entry)], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    cwd: path.resolve(__dirname, '../../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits for the JSON `listening` log line and returns its port. */
export async function waitForPort(service: SpawnedService, timeoutMs = 15_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const match = service.stdout().match(/"message":"listening"[^\n]*"port":(\d+)|"port":(\d+)[^\n]*"message":"listening"/);
    if (match) return Number(match[1] ?? match[2]);
    if (service.child.exitCode !== null) throw new Error(`service exited early: ${service.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`service did not listen in ${timeoutMs} ms: ${service.stdout()} ${service.stderr()}`);
}
