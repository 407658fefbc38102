import { clientEvents, keepCalling, type TimedAnswer } from '../chain/edge-calls';
import { SUITE_SETTINGS, type Scenarios } from './suite-context';

const BURST = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A paced caller (10 ms between its calls) that counts what it sends and stamps each answer with its end time. */
function pacedCalls(call: () => Promise<TimedAnswer>) {
  const state = { entered: 0, answers: [] as { answer: TimedAnswer; at: number }[] };
  const next = async (): Promise<TimedAnswer> => {
    state.entered += 1;
    const answer = await call();
    state.answers.push({ answer, at: performance.now() });
    await sleep(10);
    return answer;
  };
  return { state, next };
}

/** When the `count`-th error of the burst left the proxy: polled, so at most a few ms late. */
function whenBurstServed(errorsServed: () => number, count: number, onServed: () => void): NodeJS.Timeout {
  const start = errorsServed();
  const timer = setInterval(() => {
    if (errorsServed() - start < count) return;
    clearInterval(timer);
    onServed();
  }, 2);
  return timer;
}

/** When the 20th success in a row (in completion order) after `since` ended, if it has. */
function twentyInARowAt(answers: { answer: TimedAnswer; at: number }[], since: number): number | undefined {
  let streak = 0;
  for (const { answer, at } of answers) {
    if (at <= since) continue;
    streak = answer.status === 200 ? streak + 1 : 0;
    if (streak === 20) return at;
  }
  return undefined;
}

/** Live reads customer-sync sent on: all but those its own breaker or bulkhead refused. */
const sentReads = (answers: { answer: TimedAnswer }[]) => answers.filter(({ answer }) => !/"reason":"(breaker-open|bulkhead-full)"/.test(JSON.stringify(answer.body))).length;

/** Bursts of 5xx answers (proxy http-error-burst): retries must not multiply them, recovery must be quick. */
export const errorBurstScenarios: Scenarios = (context) => {
  it('a burst of 503s from customer-sync: from its first error until recovery, requests reaching it stay within 1.2 x those entering the mobile API; 20 succeed in a row within the breaker reset + 1 s of its last error', async () => {
    const { chain, me } = context();
    const proxy = chain.proxies.sync;
    const reachedBefore = proxy.stats().httpRequests;
    const breakerEvents = async () => ({
      opened: await clientEvents(chain.mobile.url, SUITE_SETTINGS.syncBreaker, 'open'),
      closed: await clientEvents(chain.mobile.url, SUITE_SETTINGS.syncBreaker, 'close'),
    });
    const eventsBefore = await breakerEvents();
    const calls = pacedCalls(me);
    let served: { at: number } | undefined;
    await proxy.setFault({ kind: 'http-error-burst', status: 503, count: BURST });
    const watch = whenBurstServed(() => proxy.stats().httpErrorsServed, BURST, () => (served = { at: performance.now() }));
    const streakAt = () => (served ? twentyInARowAt(calls.state.answers, served.at) : undefined);
    const deadline = performance.now() + 30_000;
    await keepCalling(4, calls.next, () => streakAt() !== undefined || performance.now() > deadline);
    clearInterval(watch);

    expect(served).toBeDefined();
    const { at } = served as { at: number };
    const entered = calls.state.entered;
    const reached = proxy.stats().httpRequests - reachedBefore;
    const recoveredMs = (streakAt() ?? Number.POSITIVE_INFINITY) - at;
    const events = await breakerEvents();
    const firstOk = calls.state.answers.find((a) => a.at > at && a.answer.status === 200)?.at ?? Number.NaN;
    console.log(
      `503 burst at customer-sync: ${reached} requests reached it for ${entered} entering the edge (${(reached / entered).toFixed(2)} x); ` +
        `first success ${Math.round(firstOk - at)} ms and 20 in a row ${Math.round(recoveredMs)} ms after the burst; breaker opened ${events.opened - eventsBefore.opened} x, closed ${events.closed - eventsBefore.closed} x`,
    );
    expect(reached).toBeLessThanOrEqual(1.2 * entered);
    expect(recoveredMs).toBeLessThanOrEqual(SUITE_SETTINGS.mobileResetMs + 1000);
  });

  it('a burst of 503s from the bank: only the System API retries it, so customer-sync sends at most one read per live read, and the bank sees at most 1.2 x the live reads until a second after the burst', async () => {
    const { chain, systems } = context();
    const { bank, system } = chain.proxies;
    const systemReads = () => system.requestLines().filter((line) => line.startsWith('GET /v1/customers/')).length;
    const systemEvents = async () => ({
      retries: await clientEvents(chain.system.url, SUITE_SETTINGS.bankBreaker, 'retry'),
      rejects: await clientEvents(chain.system.url, SUITE_SETTINGS.bankBreaker, 'reject'),
    });
    const before = { bank: bank.stats().httpRequests, reads: systemReads(), ...(await systemEvents()) };
    const calls = pacedCalls(systems);
    let served = false;
    await bank.setFault({ kind: 'http-error-burst', status: 503, count: BURST });
    let quietAt = Number.POSITIVE_INFINITY;
    const watch = whenBurstServed(() => bank.stats().httpErrorsServed, BURST, () => {
      served = true;
      quietAt = performance.now() + 1000;
    });
    const deadline = performance.now() + 20_000;
    await keepCalling(4, calls.next, () => performance.now() > Math.min(quietAt, deadline));
    clearInterval(watch);

    const entered = calls.state.entered;
    const reads = systemReads() - before.reads;
    const reachedBank = bank.stats().httpRequests - before.bank;
    const events = await systemEvents();
    const retried = events.retries - before.retries;
    const rejected = events.rejects - before.rejects;
    console.log(`503 burst at the bank: ${entered} live reads entered customer-sync, ${sentReads(calls.state.answers)} sent, ${reads} reached the System API, which retried ${retried} and refused ${rejected} (breaker open); ${reachedBank} reached the bank (${(reachedBank / entered).toFixed(2)} x)`);
    expect(served).toBe(true);
    // Live reads customer-sync did send (not refused by its own breaker or bulkhead) each reached the System API once: not retried.
    expect(reads).toBe(sentReads(calls.state.answers));
    // every bank request is a System API read or one of its own retries, less those its open breaker refused
    expect(reachedBank).toBe(reads + retried - rejected);
    expect(reachedBank).toBeLessThanOrEqual(1.2 * entered);
  });
};
