/**
 * What the sync benchmarks read from a running landscape: golden records, delivery
 * confirmations, CPU per process (from /proc) and the final state of every system.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { BackendWriters, Landscape } from '@strata/testing';
import { testServiceHeader } from '@strata/service-auth/testing';
import { processCpuSeconds } from '../process-stats';

export const SYSTEMS = ['salesforce', 'core-banking', 'card-platform', 'loan-mainframe'] as const;
export type System = (typeof SYSTEMS)[number];

export interface Golden {
  customerKey: string;
  email: string | null;
  version: number;
  identifiers: Record<System, string | null>;
}

/** One email change made directly in `system`, and when its write returned. */
export interface Change {
  customer: Golden;
  system: System;
  email: string;
  writtenAt: number;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
export const linked = (c: Golden) => SYSTEMS.filter((s) => c.identifiers[s] !== null);

/** Removes and returns up to `count` people of `pool` that `eligible` accepts, so no scenario changes a person twice. */
export function takeLinked(pool: Golden[], count: number, eligible: (c: Golden) => boolean): Golden[] {
  const taken = pool.filter(eligible).slice(0, count);
  const chosen = new Set(taken);
  pool.splice(0, pool.length, ...pool.filter((c) => !chosen.has(c)));
  return taken;
}

/** GET with a service token for `audience` (the landscape runs on the test secret). */
export async function getJson<T>(url: string, audience = 'process-customer-sync'): Promise<T> {
  const res = await fetch(url, { headers: testServiceHeader(audience) });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  return (await res.json()) as T;
}

export async function goldenRecords(sync: string): Promise<Golden[]> {
  const all: Golden[] = [];
  let after: string | null = null;
  do {
    const page: { items: Golden[]; nextCursor: string | null } = await getJson(`${sync}/v1/customers?limit=200${after ? `&after=${after}` : ''}`);
    all.push(...page.items);
    after = page.nextCursor;
  } while (after);
  return all;
}

/**
 * CPU of every PostgreSQL process on the machine: the server's share of the work when
 * stores run there, split into the backends serving emulator databases and the rest.
 * Children's times count too (fields 13-14), so a backend that exited during the run is
 * still in its postmaster's total (which counts as Strata's).
 */
function postgresCpuSeconds(): { strata: number; emulators: number } {
  const total = { strata: 0, emulators: 0 };
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    const comm = existsSync(`/proc/${pid}/comm`) ? readFileSync(`/proc/${pid}/comm`, 'utf8').trim() : '';
    if (comm !== 'postgres') continue;
    // A backend's command line names its database ("postgres: 15/main: user db host(port) state").
    const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
    total[cmdline.includes(EMULATOR_DATABASE_PREFIX) ? 'emulators' : 'strata'] += processCpuSeconds(Number(pid), true) ?? 0;
  }
  return total;
}

/** Database name prefix of emulators kept on PostgreSQL (BENCH_SYNC_EMULATOR_STORE=postgres). */
export const EMULATOR_DATABASE_PREFIX = 'bench_emulator';

/** CPU seconds each landscape process (and PostgreSQL, all of it) has used so far. */
export function cpuSeconds(landscape: Landscape): Record<string, number> {
  const apps: Record<string, { child: { pid?: number } }> = { 'process/customer-sync': landscape.sync };
  for (const [name, app] of Object.entries(landscape.systems)) apps[`system/${name}`] = app;
  for (const [name, app] of Object.entries(landscape.emulators)) apps[`emulator/${name}`] = app;
  const used: Record<string, number> = {};
  for (const [name, app] of Object.entries(apps)) {
    const seconds = processCpuSeconds(app.child.pid);
    if (seconds !== undefined) used[name] = seconds;
  }
  if (existsSync('/proc')) {
    const server = postgresCpuSeconds();
    used['postgresql (server)'] = server.strata;
    if (server.emulators > 0) used['postgresql (emulators)'] = server.emulators;
  }
  return used;
}

/** Per target, customer-sync's write requests and the deliveries they carried so far (its `/metrics`). */
export async function writeRequests(sync: string): Promise<Record<string, { requests: number; deliveries: number }>> {
  const text = await (await fetch(`${sync}/metrics`)).text();
  const tally: Record<string, { requests: number; deliveries: number }> = {};
  for (const [, name, system, value] of text.matchAll(/^strata_sync_(write_requests|deliveries_sent)_total\{system="([^"]+)"[^}]*\} (\d+)/gm)) {
    const entry = (tally[system as string] ??= { requests: 0, deliveries: 0 });
    entry[name === 'write_requests' ? 'requests' : 'deliveries'] = Number(value);
  }
  return tally;
}

/**
 * Per target: the deliveries customer-sync's dispatcher did not get accepted, by kind
 * (outage, stale 412, ...; its `/metrics`, since it started), and its dead letters now
 * (`/v1/status`). A whole run should end with no dead letters; stale ones are links
 * whose record version intake had not learnt yet.
 */
export async function deliveryFailures(sync: string): Promise<Record<string, Record<string, number>>> {
  const text = await (await fetch(`${sync}/metrics`)).text();
  const failures: Record<string, Record<string, number>> = {};
  for (const [, system, kind, value] of text.matchAll(/^strata_sync_delivery_failures_total\{system="([^"]+)",kind="([^"]+)"[^}]*\} (\d+)/gm)) {
    (failures[system as string] ??= {})[kind as string] = Number(value);
  }
  for (const [system, count] of Object.entries(await deadLetters(sync))) (failures[system] ??= {})['dead letters'] = count;
  return failures;
}

/** Deliveries per write request per target between two {@link writeRequests} readings: the batch size batching achieved. */
export function deliveriesPerRequest(before: Awaited<ReturnType<typeof writeRequests>>, after: Awaited<ReturnType<typeof writeRequests>>): Record<string, number> {
  const ratio: Record<string, number> = {};
  for (const [system, now] of Object.entries(after)) {
    const requests = now.requests - (before[system]?.requests ?? 0);
    if (requests > 0) ratio[system] = Math.round(((now.deliveries - (before[system]?.deliveries ?? 0)) / requests) * 10) / 10;
  }
  return ratio;
}

/** Waits until customer-sync has nothing queued and every feed is caught up, three checks in a row. */
export async function settle(sync: string, deadline = Date.now() + 600_000): Promise<void> {
  let calm = 0;
  while (calm < 3 && Date.now() < deadline) {
    const h = await getJson<{ sources: { lagSeconds: number | null }[]; targets: { outboxDepth: number }[] }>(`${sync}/v1/status`);
    calm = h.targets.every((t) => t.outboxDepth === 0) && h.sources.every((s) => s.lagSeconds === 0) ? calm + 1 : 0;
    await sleep(calm === 0 ? 250 : 1000);
  }
}

/** When the last linked system confirmed the change (ms since epoch), or null while any has not. */
export async function confirmedAt(sync: string, change: Change): Promise<number | null> {
  const status = await getJson<{ version: number; systems: { system: System; state: string; deliveredVersion: number | null; updatedAt: string | null }[] }>(
    `${sync}/v1/customers/${change.customer.customerKey}/sync-status`,
  );
  if (status.version <= change.customer.version) return null;
  const others = status.systems.filter((s) => s.system !== change.system && s.state !== 'not-linked');
  if (others.some((s) => s.state !== 'in-sync' || (s.deliveredVersion ?? 0) < status.version)) return null;
  return Math.max(change.writtenAt, ...others.map((s) => Date.parse(s.updatedAt ?? '0')));
}

/**
 * Waits until every change is confirmed by every other linked system. While work is
 * queued it reads only `/v1/status` (one request a second): polling each change's
 * sync status meanwhile cost customer-sync as much CPU as the sync itself and so
 * measured the bench, not the product. The confirmation times come from customer-sync's
 * own delivery timestamps, so reading them after the fact loses no precision. Stops
 * early when customer-sync has settled with dead letters: what is unconfirmed then will
 * not arrive (the caller counts it lost) instead of holding the run until the timeout.
 */
export async function waitConfirmed(sync: string, changes: Change[], timeoutMs: number): Promise<Map<Change, number>> {
  const done = new Map<Change, number>();
  const deadline = Date.now() + timeoutMs;
  while (done.size < changes.length && Date.now() < deadline) {
    await settle(sync, deadline);
    const pending = changes.filter((c) => !done.has(c));
    for (let i = 0; i < pending.length; i += 8) {
      await Promise.all(
        pending.slice(i, i + 8).map(async (change) => {
          const at = await confirmedAt(sync, change);
          if (at !== null) done.set(change, at);
        }),
      );
    }
    if (done.size < changes.length && Object.values(await deadLetters(sync)).some((count) => count > 0)) {
      // Settled with changes unconfirmed: they sit in the dead letters and arrive only when replayed.
      console.warn(`${changes.length - done.size} changes unconfirmed with customer-sync settled and holding dead letters: counted as lost`);
      break;
    }
  }
  return done;
}

/** Dead letters customer-sync holds now, per target (`/v1/status`). */
async function deadLetters(sync: string): Promise<Record<string, number>> {
  const status = await getJson<{ targets: { system: string; deadLetters: number }[] }>(`${sync}/v1/status`);
  return Object.fromEntries(status.targets.map((target) => [target.system, target.deadLetters]));
}

/** Reads every changed record back from every linked system's System API. */
export async function verify(landscape: Landscape, changes: Change[]): Promise<{ lost: number; duplicated: number }> {
  let lost = 0;
  let duplicated = 0;
  for (const change of changes) {
    const golden = await getJson<Golden>(`${landscape.sync.url}/v1/customers/${change.customer.customerKey}`);
    if (golden.version > change.customer.version + 1) duplicated += 1;
    for (const system of linked(change.customer)) {
      const record = await getJson<{ email: string | null }>(`${landscape.systems[system].url}/v1/customers/${change.customer.identifiers[system]}`, `system-${system}`).catch(() => ({ email: null }));
      if (record.email?.toLowerCase() !== change.email) lost += 1;
    }
  }
  return { lost, duplicated };
}


/**
 * CPU used per process between two `cpuSeconds` readings, in ms, divided by `per`. A
 * process restarted in between (a killed backend) counts from its restart only.
 */
export function cpuMsBetween(before: Record<string, number>, after: Record<string, number>, per = 1): Record<string, number> {
  const used = (name: string) => ((after[name] ?? 0) >= (before[name] ?? 0) ? (after[name] ?? 0) - (before[name] ?? 0) : (after[name] ?? 0));
  return Object.fromEntries(Object.keys(after).map((name) => [name, Math.round((used(name) * 1000) / per)]));
}

/** Writes the changes directly in their backends, all at once, stamping when each write returned. */
export async function write(writers: BackendWriters, changes: Change[]): Promise<void> {
  await Promise.all(
    changes.map(async (change) => {
      await writers.setEmail(change.system, change.customer.identifiers[change.system] as string, change.email);
      change.writtenAt = Date.now();
    }),
  );
}

/** Writes `changes` keeping `inFlight` writes going at once (not in lockstep batches); `onWritten` hears the count. */
export async function writeAll(writers: BackendWriters, changes: Change[], inFlight = 32, onWritten?: (count: number) => void): Promise<void> {
  let next = 0;
  let written = 0;
  const worker = async () => {
    while (next < changes.length) {
      await write(writers, [changes[next++] as Change]);
      onWritten?.(++written);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, changes.length) }, worker));
}
