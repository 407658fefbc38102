import { performance } from 'node:perf_hooks';
import { currentCorrelationId, runWithContext } from './request-context';
import { MAX_DEADLINE_MS, parseDeadlineHeader, remainingDeadlineMs, runWithoutDeadline } from './request-deadline';

describe('the request deadline header', () => {
  it('reads whole milliseconds, 0 or less meaning the caller has already given up', () => {
    expect(parseDeadlineHeader('1500')).toBe(1500);
    expect(parseDeadlineHeader(' 250 ')).toBe(250);
    expect(parseDeadlineHeader('0')).toBe(0);
    expect(parseDeadlineHeader('-40')).toBe(-40);
  });

  it('cuts a longer deadline to the maximum, so no caller can make a service hold a request for hours', () => {
    expect(parseDeadlineHeader('86400000')).toBe(MAX_DEADLINE_MS);
    expect(parseDeadlineHeader(String(MAX_DEADLINE_MS - 1))).toBe(MAX_DEADLINE_MS - 1);
  });

  it.each([undefined, '', 'soon', '1.5', '2e3', '12ms', '0x10', '100, 200', '1234567890123', ['100']])('ignores %p', (value) => {
    expect(parseDeadlineHeader(value)).toBeUndefined();
  });
});

describe('the deadline of the request being served', () => {
  const serving = <T>(deadlineInMs: number, fn: () => Promise<T>) => runWithContext({ correlationId: 'c-1', deadlineAt: performance.now() + deadlineInMs }, fn);

  it('counts down inside the request, and does not exist outside it', async () => {
    const left = await serving(1000, async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return remainingDeadlineMs();
    });
    expect(left).toBeGreaterThan(800);
    expect(left).toBeLessThanOrEqual(951);
    expect(remainingDeadlineMs()).toBeUndefined();
    expect(await runWithContext({ correlationId: 'c-2' }, async () => remainingDeadlineMs())).toBeUndefined();
  });

  it('is left behind by work the request starts but nobody waits for, which keeps the correlation id', async () => {
    const seen = await serving(1000, async () => {
      const background = runWithoutDeadline(async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        return { left: remainingDeadlineMs(), correlationId: currentCorrelationId() };
      });
      return { request: remainingDeadlineMs(), background: await background };
    });
    expect(seen.request).toBeGreaterThan(0);
    expect(seen.background).toEqual({ left: undefined, correlationId: 'c-1' });
  });
});
