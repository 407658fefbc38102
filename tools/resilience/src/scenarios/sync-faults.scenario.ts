import { eventually } from '@strata/testing';
import { isProblem, settledCustomer, syncGet, type TimedAnswer } from '../chain/edge-calls';
import type { Scenarios } from './suite-context';

/**
 * The longest a mobile read may take whatever customer-sync does: each attempt is
 * aborted at 2 s (CUSTOMER_SYNC_TIMEOUT_MS) and no retry starts after 3 s (the
 * client's maxTotalMs), so 5 s; plus scheduling slack on a loaded two-core machine.
 */
const EDGE_DEADLINE_MS = 5000 + 500;
/** customer-sync's live-read deadline (SYSTEM_READ_TIMEOUT_MS) plus slack. */
const READ_DEADLINE_MS = 3000 + 500;

const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '');
const endedInShape = (answer: TimedAnswer) => answer.status === 200 || isProblem(answer, 503) || isProblem(answer, 504);

interface SyncTarget {
  system: string;
  outboxDepth: number;
  deadLetters: number;
}

interface BankParty {
  version: number;
  contact: { phone: string | null };
}

/** A System API killed and restarted or unreachable for long, a connection reset mid-response, latency with jitter. */
export const syncFaultScenarios: Scenarios = (context) => {
  it('a connection reset mid-response on each hop: every call ends within its deadline, as an answer or problem+json', async () => {
    const { chain, me, systems } = context();
    await chain.proxies.sync.setFault({ kind: 'reset-after-bytes', bytes: 100 });
    await chain.proxies.bank.setFault({ kind: 'reset-after-bytes', bytes: 100 });

    const edge = await Promise.all(Array.from({ length: 8 }, () => me()));
    const reads = await Promise.all(Array.from({ length: 4 }, () => systems()));

    expect(edge.every((answer) => isProblem(answer, 503) && answer.ms < EDGE_DEADLINE_MS)).toBe(true);
    expect(reads.every((read) => read.status === 200 && read.ms < READ_DEADLINE_MS)).toBe(true);
    expect(reads[0]?.body?.['systems']).toEqual([expect.objectContaining({ system: 'core-banking', status: 'unavailable' })]);
  });

  it('latency with jitter on every hop: no call hangs past its deadline, each ends as an answer or problem+json', async () => {
    const { chain, me, systems } = context();
    // round trips of 0.8 to 3.2 s per hop: some within the callers' deadlines, some past them
    for (const proxy of Object.values(chain.proxies)) await proxy.setFault({ kind: 'latency', ms: 400, jitterMs: 1200 });

    const [edge, reads] = await Promise.all([Promise.all(Array.from({ length: 6 }, () => me())), Promise.all(Array.from({ length: 4 }, () => systems()))]);

    console.log(`latency with jitter: edge ${edge.map((a) => `${a.status}/${Math.round(a.ms)}ms`).join(' ')}; live reads ${reads.map((a) => `${a.status}/${Math.round(a.ms)}ms`).join(' ')}`);
    expect(edge.every((answer) => endedInShape(answer) && answer.ms < EDGE_DEADLINE_MS)).toBe(true);
    expect(reads.every((read) => read.status === 200 && read.ms < READ_DEADLINE_MS)).toBe(true);
  });

  it("the System API unreachable for 20 times a delivery's whole retry schedule: nothing is dead-lettered, and the change arrives once it is back", async () => {
    const { chain, changePhone, partyId } = context();
    const bankParty = async () => (await (await fetch(`${chain.bank.url}/parties/${partyId}`)).json()) as BankParty;
    const target = async () => (await syncGet<{ targets: SyncTarget[] }>(chain.sync.url, '/v1/status')).targets.find((t) => t.system === 'core-banking');
    const deadLettersBefore = (await target())?.deadLetters ?? 0;
    await chain.proxies.system.setFault({ kind: 'down' });

    expect((await changePhone('+14155550111')).status).toBe(202);
    // Three attempts 0.1 and 0.2 s apart would have been spent within about 0.3 s; wait out twenty times that.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const during = await target();
    expect(during?.outboxDepth).toBeGreaterThanOrEqual(1);
    expect(during?.deadLetters).toBe(deadLettersBefore);

    await chain.proxies.system.clearFaults();
    await eventually('the bank to hold the phone', bankParty, (party) => digits(party.contact.phone) === '14155550111', 30_000);
    expect((await target())?.deadLetters).toBe(deadLettersBefore);
  });

  it('the System API killed while a change is on its way and restarted: every change reaches the bank, none is applied twice', async () => {
    const { chain, changePhone, partyId } = context();
    const bankParty = async () => (await (await fetch(`${chain.bank.url}/parties/${partyId}`)).json()) as BankParty;
    const before = await bankParty();

    expect((await changePhone('+14155550101')).status).toBe(202);
    await chain.restartSystem(async () => {
      expect((await changePhone('+14155550102')).status).toBe(202);
    });

    await eventually('the bank to hold the last phone', bankParty, (party) => digits(party.contact.phone) === '14155550102', 60_000);
    await settledCustomer(chain.sync.url);
    const after = await bankParty();
    const status = await syncGet<{ targets: SyncTarget[] }>(chain.sync.url, '/v1/status');
    // two changes: each written at most once (the first may be folded into the second), never more
    expect(after.version - before.version).toBeGreaterThanOrEqual(1);
    expect(after.version - before.version).toBeLessThanOrEqual(2);
    expect(digits(after.contact.phone)).toBe('14155550102');
    expect(status.targets.find((target) => target.system === 'core-banking')?.deadLetters).toBe(0);
  });
};
