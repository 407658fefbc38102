/**
 * Issue 8's sync target: email changes made in Salesforce, each on a different person,
 * reach the three banks, while one bank's backend is killed (SIGKILL) for `outageMs` half
 * way through the writes and restarted on the same data. Nothing may be lost or applied
 * twice: at the end every bank record is read back through its System API.
 */
import type { BackendWriters, Landscape } from '@strata/testing';
import { cpuMsBetween, cpuSeconds, deliveriesPerRequest, writeRequests, type Change, type Golden, linked, percentile, sleep, takeLinked, verify, waitConfirmed, writeAll } from './sync-probe';

export interface SalesforceToBanksSettings {
  changes: number;
  outageMs: number;
  killedBank: 'core-banking' | 'card-platform' | 'loan-mainframe';
}

export async function runSalesforceToBanks(landscape: Landscape, writers: BackendWriters, pool: Golden[], tag: string, settings: SalesforceToBanksSettings) {
  const people = takeLinked(pool, settings.changes, (c) => c.identifiers.salesforce !== null && linked(c).length >= 2);
  const changes: Change[] = people.map((customer) => ({ customer, system: 'salesforce', email: `crm-${tag}.${customer.customerKey.toLowerCase()}@bench.example`, writtenAt: 0 }));
  console.log(`[${tag}] ${changes.length} changes in Salesforce; ${settings.killedBank} killed for ${settings.outageMs / 1000} s half way...`);

  let outage: Promise<void> | undefined;
  let outageStartedAt = 0;
  const cpuBefore = cpuSeconds(landscape);
  const requestsBefore = await writeRequests(landscape.sync.url);
  const started = Date.now();
  await writeAll(writers, changes, 32, (written) => {
    if (outage || written < changes.length / 2) return;
    outageStartedAt = Date.now();
    outage = landscape.restartEmulator(settings.killedBank, () => sleep(settings.outageMs));
  });
  const writtenIn = Date.now() - started;
  await outage;
  const done = await waitConfirmed(landscape.sync.url, changes, 900_000);
  const cpuMsPerChange = cpuMsBetween(cpuBefore, cpuSeconds(landscape), changes.length);
  const batching = deliveriesPerRequest(requestsBefore, await writeRequests(landscape.sync.url));
  const finished = Math.max(...done.values());
  const lags = changes.filter((c) => done.has(c)).map((c) => (done.get(c) as number) - c.writtenAt).sort((a, b) => a - b);
  const checked = await verify(landscape, changes);
  return {
    changes: changes.length,
    writeSeconds: Math.round(writtenIn / 100) / 10,
    seconds: Math.round((finished - started) / 100) / 10,
    changesPerSecond: Math.round(done.size / ((finished - started) / 1000)),
    lagP50Ms: Math.round(percentile(lags, 50)),
    lagP99Ms: Math.round(percentile(lags, 99)),
    killedBank: settings.killedBank,
    outageMs: settings.outageMs,
    outageStartedAfterMs: outageStartedAt - started,
    confirmed: done.size,
    lost: checked.lost + (changes.length - done.size),
    duplicated: checked.duplicated,
    cpuMsPerChange,
    deliveriesPerRequest: batching,
  };
}
