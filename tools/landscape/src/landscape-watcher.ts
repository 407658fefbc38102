import { describeState, type AppState, type Probe } from './app-probe';
import type { LandscapeApp } from './landscape-apps';

export interface WatcherOptions {
  probe: Probe;
  /** Where reports go; `npm start` writes them to stderr, framed so they stand out of the log stream. */
  report: (message: string) => void;
  intervalMs?: number;
  /** How often an app that stays down is reported again. */
  remindEveryMs?: number;
  now?: () => Date;
  /** What is known of each app when watching starts; default ready (call it after `waitUntilReady`). */
  initial?: (app: LandscapeApp) => AppState;
}

interface Known {
  state: AppState;
  since: Date;
  lastReported: number;
}

const clock = (date: Date) => date.toISOString().slice(11, 19);

/**
 * Keeps asking every app whether it is ready, and reports each change: an app that
 * stops answering (its process exited) or turns not ready is reported with its name,
 * port, what it says now and its last known state, and again every `remindEveryMs`
 * while it stays so; its return is reported too.
 */
export function watchLandscape(apps: readonly LandscapeApp[], options: WatcherOptions): { stop: () => void; check: () => Promise<void> } {
  const now = options.now ?? (() => new Date());
  const remindEveryMs = options.remindEveryMs ?? 60_000;
  const initial = options.initial ?? (() => ({ state: 'ready' }) as const);
  const known = new Map<string, Known>(apps.map((app) => [app.name, { state: initial(app), since: now(), lastReported: now().getTime() }]));

  const checkOne = async (app: LandscapeApp) => {
    const state = await options.probe(app);
    const before = known.get(app.name);
    if (!before) return;
    const at = now();
    if (state.state !== before.state.state) {
      if (state.state === 'ready') options.report(`${app.name} (${app.layer}, port ${app.port}) is ready again; it was ${describeState(before.state)} (since ${clock(before.since)})`);
      else options.report(`${app.name} (${app.layer}, port ${app.port}) is ${describeState(state)}; last known state: ${describeState(before.state)} since ${clock(before.since)}`);
      known.set(app.name, { state, since: at, lastReported: at.getTime() });
    } else if (state.state !== 'ready' && at.getTime() - before.lastReported >= remindEveryMs) {
      options.report(`${app.name} (${app.layer}, port ${app.port}) is still ${describeState(state)} (since ${clock(before.since)})`);
      known.set(app.name, { ...before, state, lastReported: at.getTime() });
    }
  };
  const check = async () => void (await Promise.all(apps.map(checkOne)));

  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void check().finally(() => (running = false));
  }, options.intervalMs ?? 5000);
  timer.unref();
  return { stop: () => clearInterval(timer), check };
}
