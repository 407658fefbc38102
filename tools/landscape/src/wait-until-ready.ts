import type { LandscapeApp } from './landscape-apps';
import type { Probe } from './app-probe';

export interface WaitOptions {
  probe: Probe;
  timeoutMs: number;
  intervalMs?: number;
  /** Called every `progressEveryMs` with the apps not ready yet. */
  onProgress?: (pending: LandscapeApp[]) => void;
  progressEveryMs?: number;
  /** Called once for each app whose process exits while waiting, with what is known. */
  onExited?: (app: LandscapeApp, detail: string) => void;
  /** Stops waiting early (Ctrl-C). */
  stopped?: () => boolean;
}

/** How the wait ended: empty lists when every app is ready. */
export interface WaitResult {
  notReady: LandscapeApp[];
  exited: LandscapeApp[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls every app's readiness until all are ready. An app whose process exits is not
 * waited for (it will not come back); the others are, until the time is up.
 */
export async function waitUntilReady(apps: readonly LandscapeApp[], options: WaitOptions): Promise<WaitResult> {
  const deadline = Date.now() + options.timeoutMs;
  const progressEveryMs = options.progressEveryMs ?? 15_000;
  const exited: LandscapeApp[] = [];
  let pending = [...apps];
  let nextProgress = Date.now() + progressEveryMs;
  while (pending.length > 0 && Date.now() < deadline && !options.stopped?.()) {
    const states = await Promise.all(pending.map((app) => options.probe(app)));
    states.forEach((state, i) => {
      const app = pending[i];
      if (state.state !== 'exited' || !app) return;
      exited.push(app);
      options.onExited?.(app, state.detail);
    });
    pending = pending.filter((_app, i) => states[i]?.state !== 'ready' && states[i]?.state !== 'exited');
    if (pending.length === 0) break;
    if (Date.now() >= nextProgress) {
      options.onProgress?.(pending);
      nextProgress = Date.now() + progressEveryMs;
    }
    await sleep(options.intervalMs ?? 1000);
  }
  return { notReady: pending, exited };
}
