/**
 * The customer-sync issue's figures: changes made in all four backends at once
 * (throughput), then a steady rate (lag), with the CPU each process spends per change.
 */
import type { BackendWriters, Landscape } from '@strata/testing';
import { cpuMsBetween, cpuSeconds, type Change, type Golden, linked, percentile, settle, sleep, SYSTEMS, type System, takeLinked, verify, waitConfirmed, write, writeAll } from './sync-probe';

export interface MixedSettings {
  burst: number;
  rate: number;
  seconds: number;
  idleMs: number;
}

/**
 * Takes `count` people linked in at least two systems out of `pool` (someone linked in
 * one system has nobody to propagate to) and spreads their changes over the four
 * systems, each on a system the person is linked in.
 */
function plan(pool: Golden[], count: number, tag: string): Change[] {
  const people = takeLinked(pool, count, (c) => linked(c).length >= 2);
  return people.map((customer, i) => {
    const systems = linked(customer);
    const system = systems.includes(SYSTEMS[i % 4] as System) ? (SYSTEMS[i % 4] as System) : (systems[0] as System);
    return { customer, system, email: `${tag}.${customer.customerKey.toLowerCase()}@bench.example`, writtenAt: 0 };
  });
}

export async function runMixed(landscape: Landscape, writers: BackendWriters, pool: Golden[], tag: string, settings: MixedSettings) {
  const sync = landscape.sync.url;
  // What the landscape burns with nothing to do (feed polls, snapshots, leases): a fixed
  // cost that every change pays a share of, and what an operator pays around the clock.
  const idleBefore = cpuSeconds(landscape);
  await sleep(settings.idleMs);
  const idlePerSecond = cpuMsBetween(idleBefore, cpuSeconds(landscape), settings.idleMs / 1000);
  const idleCpuPercent = Object.fromEntries(Object.entries(idlePerSecond).map(([name, ms]) => [name, ms / 10]));

  console.log(`[${tag}] burst of ${settings.burst} changes in all four backends...`);
  const burst = plan(pool, settings.burst, `burst-${tag}`);
  const cpuBefore = cpuSeconds(landscape);
  const started = Date.now();
  await writeAll(writers, burst);
  const burstDone = await waitConfirmed(sync, burst, 300_000);
  // Where the machine's time goes per change (idle polling included): what to make cheaper.
  const cpuMsPerChange = cpuMsBetween(cpuBefore, cpuSeconds(landscape), burst.length);
  const changesPerSecond = burstDone.size / ((Math.max(...burstDone.values()) - started) / 1000);
  await settle(sync);

  console.log(`[${tag}] ${settings.rate} changes/s for ${settings.seconds} s...`);
  const paced = plan(pool, settings.rate * settings.seconds, `paced-${tag}`);
  const pacedStart = Date.now();
  await Promise.all(
    paced.map(async (change, i) => {
      await sleep(pacedStart + (i * 1000) / settings.rate - Date.now());
      await write(writers, [change]);
    }),
  );
  const pacedDone = await waitConfirmed(sync, paced, 300_000);
  const lagOf = (changes: Change[]) => changes.filter((c) => pacedDone.has(c)).map((c) => (pacedDone.get(c) as number) - c.writtenAt).sort((a, b) => a - b);
  const lags = lagOf(paced);
  // Where the tail comes from: each backend finds its changes its own way (CDC, polls, snapshot passes, files).
  const lagByOrigin = Object.fromEntries(
    SYSTEMS.map((system) => {
      const own = lagOf(paced.filter((c) => c.system === system));
      return [system, { changes: own.length, p50Ms: Math.round(percentile(own, 50)), p99Ms: Math.round(percentile(own, 99)) }];
    }),
  );
  await settle(sync);

  const checked = await verify(landscape, [...burst, ...paced]);
  return {
    changesPerSecond: Math.round(changesPerSecond),
    burst: burst.length,
    burstConfirmed: burstDone.size,
    pacedRate: settings.rate,
    pacedChanges: paced.length,
    lagP50Ms: Math.round(percentile(lags, 50)),
    lagP99Ms: Math.round(percentile(lags, 99)),
    lagByOrigin,
    lost: checked.lost + (paced.length - pacedDone.size) + (burst.length - burstDone.size),
    duplicated: checked.duplicated,
    cpuMsPerChange,
    idleCpuPercent,
  };
}
