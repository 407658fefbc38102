import { createServer } from 'node:net';
import type { LandscapeApp } from './landscape-apps';

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

/** The apps whose port something else listens on right now. */
export async function appsOnBusyPorts(apps: readonly LandscapeApp[]): Promise<LandscapeApp[]> {
  const free = await Promise.all(apps.map((app) => canListen(app.port)));
  return apps.filter((_app, i) => !free[i]);
}

/**
 * Waits until every app's port is free, reporting the busy ones: another landscape (or
 * an engineer's app) may hold them for a while, and it is theirs to stop, not ours.
 * Resolves with the apps still blocked when the time is up (empty: all free).
 */
export async function waitForFreePorts(apps: readonly LandscapeApp[], options: { timeoutMs: number; intervalMs?: number; report: (busy: LandscapeApp[]) => void }): Promise<LandscapeApp[]> {
  const deadline = Date.now() + options.timeoutMs;
  let busy = await appsOnBusyPorts(apps);
  while (busy.length > 0 && Date.now() < deadline) {
    options.report(busy);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 5000));
    busy = await appsOnBusyPorts(apps);
  }
  return busy;
}
