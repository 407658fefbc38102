import { isProblem, percentile, timedCall, type TimedAnswer } from '../chain/edge-calls';
import { SUITE_SETTINGS, type Scenarios } from './suite-context';

const { mobileBulkhead, readBulkhead, syncBreaker } = SUITE_SETTINGS;

/** A slow upstream (proxy latency) must not take all of an app's concurrency. */
export const bulkheadScenarios: Scenarios = (context) => {
  it('a slow System API cannot take all of customer-sync: live reads beyond the bulkhead fail fast, other routes keep answering', async () => {
    const { chain, me, systems } = context();
    await chain.proxies.system.setFault({ kind: 'latency', ms: 700 });
    const slow = Promise.all(Array.from({ length: readBulkhead * 3 }, () => systems()));
    await new Promise((resolve) => setTimeout(resolve, 200));

    const meanwhile: TimedAnswer[] = [];
    for (let i = 0; i < 10; i += 1) meanwhile.push(await me());
    const reads = await slow;

    const refused = reads.filter((read) => JSON.stringify(read.body).includes('bulkhead-full'));
    expect(refused.length).toBeGreaterThanOrEqual(readBulkhead * 2);
    expect(Math.max(...refused.map((read) => read.ms))).toBeLessThan(1000);
    expect(refused[0]?.body?.['systems']).toEqual([expect.objectContaining({ system: 'core-banking', status: 'unavailable', reason: 'bulkhead-full' })]);
    // the golden record route (customer-sync's own database) is not behind the slow system
    expect(meanwhile.every((answer) => answer.status === 200)).toBe(true);
    expect(percentile(meanwhile.map((answer) => answer.ms), 100)).toBeLessThan(500);
  });

  it('a slow customer-sync cannot take all of the mobile API: calls beyond its bulkhead answer 503 problem+json naming customer-sync at once', async () => {
    const { chain, me } = context();
    await chain.proxies.sync.setFault({ kind: 'latency', ms: 600 });

    const answers = await Promise.all(Array.from({ length: mobileBulkhead * 2 }, () => me()));
    const health = await timedCall(`${chain.mobile.url}/health/ready`);

    const refused = answers.filter((answer) => isProblem(answer, 503));
    expect(refused.length).toBe(mobileBulkhead);
    expect(refused.every((answer) => answer.body?.['upstream'] === syncBreaker && answer.body?.['reason'] === 'bulkhead-full' && answer.retryAfter !== null)).toBe(true);
    expect(Math.max(...refused.map((answer) => answer.ms))).toBeLessThan(1000);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(mobileBulkhead);
    expect(health.status).toBe(200);
  });
};
