import type { LandscapeApp } from './landscape-apps';

/**
 * What is known of an app: its `/health/ready` answer, or that its port does not
 * answer (`down`), or that its process is gone (`exited`, final: Nx does not restart it).
 */
export type AppState =
  | { state: 'ready' }
  | { state: 'not-ready'; detail: string }
  | { state: 'down'; detail: string }
  | { state: 'exited'; detail: string };

export type Probe = (app: LandscapeApp) => Promise<AppState>;

/** What a not-ready answer says: its status and the checks that are down (`not-ready (database)`). */
function reasonsOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const { status, checks = {} } = body as { status?: string; checks?: Record<string, { status?: string }> };
  const down = Object.entries(checks).filter(([, check]) => check.status !== 'up').map(([name]) => name);
  return `${status ? ` ${status}` : ''}${down.length > 0 ? ` (${down.join(', ')})` : ''}`;
}

function failureOf(error: unknown, timeoutMs: number): AppState {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  if (code === 'ECONNREFUSED') return { state: 'down', detail: 'connection refused: its process has exited or stopped listening' };
  if ((error as Error).name === 'TimeoutError') return { state: 'down', detail: `no answer within ${timeoutMs} ms` };
  return { state: 'down', detail: `${(error as Error).message}${code ? ` (${code})` : ''}` };
}

async function askReady(url: string, timeoutMs: number): Promise<AppState> {
  const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(timeoutMs) });
  if (res.ok) return { state: 'ready' };
  const body = (await res.json().catch(() => undefined)) as unknown;
  return { state: 'not-ready', detail: `/health/ready answers ${res.status}${reasonsOf(body)}` };
}

/** Extra asks after a failure that is neither a refusal nor a timeout, and the pause before each. */
const RE_ASKS = 3;
const RE_ASK_PAUSE_MS = 100;

/**
 * Asks `<url>/health/ready`. A refused connection means nothing listens on the port
 * any more: its process has exited (or never started); a timeout means it hangs. A
 * process that just died fails kept-alive connections as "other side closed" or
 * ECONNRESET instead, and more than one of them may sit in the pool, so any other
 * failure is asked again, a little later, up to three times, before it is reported.
 */
export async function probeReady(url: string, timeoutMs = 2000): Promise<AppState> {
  let failure: unknown;
  for (let ask = 0; ask <= RE_ASKS; ask += 1) {
    if (ask > 0) await new Promise((resolve) => setTimeout(resolve, RE_ASK_PAUSE_MS));
    try {
      return await askReady(url, timeoutMs);
    } catch (error) {
      failure = error;
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if ((error as Error).name === 'TimeoutError' || code === 'ECONNREFUSED') break;
    }
  }
  return failureOf(failure, timeoutMs);
}

/** An app's state in words: `ready`, `not ready: <what /health/ready says>`, `down: <why>`, `exited: <what>`. */
export const describeState = (state: AppState) => (state.state === 'ready' ? 'ready' : `${state.state.replace('-', ' ')}: ${state.detail}`);
