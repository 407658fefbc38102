import { testServiceHeader } from '@strata/service-auth/testing';
import { eventually } from '@strata/testing';
import { EDGE_CLIENT } from './fault-chain';

/** What one call through the chain ended with, and how long it took. */
export interface TimedAnswer {
  status: number;
  ms: number;
  contentType: string;
  retryAfter: string | null;
  body: Record<string, unknown> | null;
}

/** Headers of a mobile app calling as the signed-in customer. */
export function edgeHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'x-client-id': EDGE_CLIENT.id, 'x-client-secret': EDGE_CLIENT.secret };
}

/** One request, timed from send to the last body byte; a transport failure is status 0. */
export async function timedCall(url: string, init: RequestInit = {}): Promise<TimedAnswer> {
  const started = performance.now();
  try {
    const res = await fetch(url, init);
    const text = await res.text();
    const ms = performance.now() - started;
    let body: Record<string, unknown> | null = null;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      body = null;
    }
    return { status: res.status, ms, contentType: res.headers.get('content-type') ?? '', retryAfter: res.headers.get('retry-after'), body };
  } catch {
    return { status: 0, ms: performance.now() - started, contentType: '', retryAfter: null, body: null };
  }
}

/** The `p`-th percentile (0..100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** True for an answer in our error shape: problem+json with the status repeated in the body. */
export function isProblem(answer: TimedAnswer, status: number): boolean {
  return answer.status === status && answer.contentType.startsWith('application/problem+json') && answer.body?.['status'] === status;
}

/**
 * Keeps `workers` callers busy until `stop()` says so: the steady traffic an outage
 * meets in production. Resolves with every answer, in completion order.
 */
export async function keepCalling(workers: number, call: () => Promise<TimedAnswer>, stop: () => boolean): Promise<TimedAnswer[]> {
  const answers: TimedAnswer[] = [];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (!stop()) answers.push(await call());
    }),
  );
  return answers;
}

/** customer-sync's API as a service caller (what the advisor and mobile APIs present). */
export function syncGet<T>(syncUrl: string, pathAndQuery: string): Promise<T> {
  return fetch(`${syncUrl}${pathAndQuery}`, { headers: testServiceHeader('process-customer-sync') }).then(async (res) => {
    if (!res.ok) throw new Error(`GET ${pathAndQuery} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  });
}

interface SyncStatus {
  sources: { system: string; lagSeconds: number | null }[];
  targets: { system: string; outboxDepth: number }[];
}

/** A golden record linked to core banking, once customer-sync has read the bank and delivered its keys. */
export async function settledCustomer(syncUrl: string): Promise<{ customerKey: string; partyId: string }> {
  await eventually(
    'customer-sync to read the bank and deliver what it owes',
    () => syncGet<SyncStatus>(syncUrl, '/v1/status'),
    (s) => s.sources.some((source) => source.system === 'core-banking' && source.lagSeconds === 0) && s.targets.every((target) => target.outboxDepth === 0),
    90_000,
  );
  const page = await syncGet<{ items: { customerKey: string; identifiers: Record<string, string | null> }[] }>(syncUrl, '/v1/customers?limit=50');
  const linked = page.items.find((c) => c.identifiers['core-banking']);
  if (!linked) throw new Error('no golden record is linked to core banking');
  return { customerKey: linked.customerKey, partyId: linked.identifiers['core-banking'] as string };
}

/** The state of the breaker named `name` as the app's `/health/ready` reports it, or 'absent'. */
export async function breakerState(appUrl: string, name: string): Promise<string> {
  const ready = (await (await fetch(`${appUrl}/health/ready`)).json()) as { breakers?: { name: string; state: string }[] };
  return ready.breakers?.find((breaker) => breaker.name === name)?.state ?? 'absent';
}

/** Polls until the breaker is in `state`; resolves with the milliseconds that took. */
export async function untilBreaker(appUrl: string, name: string, state: string, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while ((await breakerState(appUrl, name)) !== state) {
    if (performance.now() - started > timeoutMs) throw new Error(`breaker ${name} of ${appUrl} not ${state} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return performance.now() - started;
}

/** An http-client counter of `appUrl`'s `/metrics`: `strata_breaker_events_total{upstream, event}` (0 when absent). */
export async function clientEvents(appUrl: string, upstream: string, event: string): Promise<number> {
  const text = await (await fetch(`${appUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('strata_breaker_events_total{') && l.includes(`upstream="${upstream}"`) && l.includes(`event="${event}"`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/**
 * Makes `proxy`'s backend hang while `workers` callers keep calling through `call`,
 * until `appUrl`'s breaker `name` opens; resolves with how long that took, once the
 * callers have stopped. What a hanging backend looks like under steady traffic.
 */
export async function hangUntilOpen(proxy: { setFault(fault: { kind: 'blackhole' }): Promise<void> }, call: () => Promise<TimedAnswer>, breaker: { appUrl: string; name: string; workers: number }): Promise<number> {
  await proxy.setFault({ kind: 'blackhole' });
  let open = false;
  const traffic = keepCalling(breaker.workers, call, () => open);
  try {
    return await untilBreaker(breaker.appUrl, breaker.name, 'open', 10_000);
  } finally {
    open = true;
    await traffic;
  }
}
