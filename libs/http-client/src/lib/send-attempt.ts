import { performance } from 'node:perf_hooks';
import { AttemptSignal } from './attempt-signal';
import type { Breaker } from './breaker';
import type { ClientMetrics } from './client-metrics';
import { AttemptFailure, classifyError } from './error-mapping';
import type { AttemptConfig, Transport } from './transport';

/** What a call resolves with: status, lower-case headers, and the parsed body (undefined when empty). */
export interface HttpResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

/** One attempt, fully described: the axios config plus its deadline and accepted statuses. */
export interface AttemptPlan {
  config: AttemptConfig;
  timeoutMs: number;
  accept: (status: number) => boolean;
}

/** What an attempt needs from its client. */
export interface AttemptDeps {
  send: Transport['send'];
  breaker: Breaker;
  metrics: ClientMetrics;
}

/**
 * Sends one attempt with its own abort signal: when the deadline passes the request
 * is aborted, which destroys the socket, so the upstream sees the connection close and
 * stops work nobody waits for. An answer outside `accept` rejects with a `status`
 * failure (the breaker's errorFilter decides whether it counts); transport errors are
 * classified so no axios error escapes. Every attempt that reached the network is timed.
 */
export async function sendAttempt<T>(plan: AttemptPlan, deps: AttemptDeps): Promise<HttpResponse<T>> {
  const { config, timeoutMs } = plan;
  const signal = new AttemptSignal();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    signal.abort(new Error(`no answer within ${timeoutMs} ms`));
  }, timeoutMs);
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const answer = await deps.send(config, signal);
    clearTimeout(timer);
    const response: HttpResponse<T> = {
      status: answer.status,
      headers: answer.headers,
      body: (answer.data === '' ? undefined : answer.data) as T,
    };
    deps.metrics.observe(config.method, String(answer.status), seconds());
    if (plan.accept(answer.status)) return response;
    throw new AttemptFailure('status', `answered ${answer.status}`, { status: answer.status, body: response.body, headers: response.headers });
  } catch (error) {
    clearTimeout(timer);
    if (error instanceof AttemptFailure) throw error;
    const failure = classifyError(error, timedOut, timeoutMs);
    if (failure.kind === 'timeout') deps.breaker.recordTimeout(failure);
    if (failure.kind !== 'local') deps.metrics.observe(config.method, failure.kind, seconds());
    throw failure;
  }
}
