import { spawn, type ChildProcess } from 'node:child_process';
import { AppProcesses } from './app-processes';

const app = { name: 'system-fake', root: 'apps/system/fake', layer: 'system', port: 1, url: 'http://127.0.0.1:1' };

/** A stand-in for an app's process: its command line names the app's main.ts, as Nx's serve command does. */
function startFakeAppProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); console.log("up")', 'apps/system/fake/src/main.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => child.stdout?.once('data', () => resolve(child)));
}

describe('AppProcesses', () => {
  let child: ChildProcess | undefined;
  afterEach(() => void child?.kill('SIGKILL'));

  it('knows when the process running an app below our runner has exited', async () => {
    child = await startFakeAppProcess();
    const processes = new AppProcesses(() => [process.pid]);
    processes.refresh([app]);
    expect(processes.exited(app)).toBe(false);
    const gone = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
    expect(processes.exited(app)).toBe(true);
  });

  it('never counts a process that is not below its runners (another engineer\'s copy of the app)', async () => {
    child = await startFakeAppProcess();
    const processes = new AppProcesses(() => []);
    processes.refresh([app]);
    child.kill('SIGKILL');
    await new Promise((resolve) => child?.once('exit', resolve));
    expect(processes.exited(app)).toBe(false);
  });
});
