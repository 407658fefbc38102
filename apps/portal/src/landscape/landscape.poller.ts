import type { Logger } from '@strata/logging';
import { Gauge, type Registry } from 'prom-client';
import type { AppState, LandscapeView } from './app-state';
import type { WatchedApp } from './watched-app.schema';

export interface PollerOptions {
  apps: WatchedApp[];
  probe: (app: WatchedApp) => Promise<AppState>;
  intervalMs: number;
  /** A probe still running after this counts as unreachable, whatever hangs inside it. */
  deadlineMs: number;
  logger: Logger;
  registry?: Registry;
}

const initialState = (app: WatchedApp): AppState => ({
  name: app.name,
  layer: app.layer,
  url: app.url,
  calls: app.calls,
  status: 'unknown',
  error: null,
  checkedAt: null,
  latencyMs: null,
  checks: {},
  breakers: [],
});

/**
 * Probes every app in the background, all at once, each bounded by its deadline, so
 * `GET /api/landscape` answers from memory at once and one hanging app never delays the
 * page or the other apps. Logs each app's status changes (names and states only).
 */
export class LandscapePoller {
  private readonly states = new Map<string, AppState>();
  private polledAt: string | null = null;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private stopped = false;
  private readonly readyGauge: Gauge | undefined;

  constructor(private readonly options: PollerOptions) {
    for (const app of options.apps) this.states.set(app.name, initialState(app));
    this.readyGauge = options.registry
      ? new Gauge({ name: 'strata_portal_app_ready', help: 'Whether each watched app answered ready or degraded in the last round (1) or not (0)', labelNames: ['app', 'layer'], registers: [options.registry] })
      : undefined;
  }

  /** Polls now and then every interval (measured from the end of a round) until `stop()`. */
  start(): void {
    this.stopped = false;
    const loop = async () => {
      await this.pollOnce();
      if (!this.stopped) this.timer = setTimeout(() => void loop(), this.options.intervalMs);
    };
    void loop();
  }

  /** Stops polling and waits for a round in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  /** One round over every app; concurrent callers share the round in flight. */
  pollOnce(): Promise<void> {
    this.round ??= Promise.all(this.options.apps.map((app) => this.probeWithDeadline(app).then((state) => this.record(state)))).then(() => {
      this.polledAt = new Date().toISOString();
      this.round = undefined;
    });
    return this.round;
  }

  snapshot(): LandscapeView {
    return { polledAt: this.polledAt, pollIntervalMs: this.options.intervalMs, apps: this.options.apps.map((app) => this.states.get(app.name) ?? initialState(app)) };
  }

  private async probeWithDeadline(app: WatchedApp): Promise<AppState> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<AppState>((resolve) => {
      timer = setTimeout(
        () => resolve({ ...initialState(app), status: 'unreachable', error: `no answer within ${this.options.deadlineMs} ms`, checkedAt: new Date().toISOString() }),
        this.options.deadlineMs,
      );
    });
    try {
      return await Promise.race([this.options.probe(app), late]);
    } catch (error) {
      return { ...initialState(app), status: 'unreachable', error: error instanceof Error ? error.message : String(error), checkedAt: new Date().toISOString() };
    } finally {
      clearTimeout(timer);
    }
  }

  private record(state: AppState): void {
    const previous = this.states.get(state.name);
    if (previous && previous.status !== state.status) {
      const level = state.status === 'ready' || state.status === 'unknown' ? 'info' : 'warn';
      this.options.logger.log(level, 'app status changed', { app: state.name, from: previous.status, to: state.status, reason: state.error ?? undefined });
    }
    this.states.set(state.name, state);
    this.readyGauge?.set({ app: state.name, layer: state.layer }, state.status === 'ready' || state.status === 'degraded' ? 1 : 0);
  }
}
