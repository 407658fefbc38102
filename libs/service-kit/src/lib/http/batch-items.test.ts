import { NotFoundError, UpstreamUnavailableError } from '@strata/errors';
import { createLogger } from '@strata/logging';
import { applyEachItem } from './batch-items';

const logger = createLogger({ service: 'test', silent: true });
const down = () => new UpstreamUnavailableError('bank answered 503', { upstream: 'bank', reason: 'server-error', upstreamStatus: 503, retryAfterSeconds: 3 });

function options(apply: (item: { id: string }) => Promise<string>, concurrency = 2) {
  return { concurrency, apply, instanceOf: (item: { id: string }) => `/v1/things/${item.id}`, logger, correlationId: 'c-1' };
}

describe('applyEachItem', () => {
  it("answers each item in request order with its own status, a failure's problem naming the item, without stopping the others", async () => {
    const applied: string[] = [];
    const outcomes = await applyEachItem([{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }], options(async ({ id }) => {
      if (id === 'b') throw new NotFoundError('no b');
      if (id === 'c') throw down();
      if (id === 'd') throw new Error('a bug, not for callers to read');
      applied.push(id);
      return `done ${id}`;
    }));
    expect(outcomes.map((o) => [o.id, o.status])).toEqual([['a', 200], ['b', 404], ['c', 503], ['d', 500]]);
    expect(outcomes[0]).toEqual({ id: 'a', status: 200, result: 'done a' });
    expect(outcomes[1]).toMatchObject({ problem: { type: 'urn:strata:problem:not-found', detail: 'no b', instance: '/v1/things/b', correlationId: 'c-1' } });
    expect(outcomes[2]).toMatchObject({ problem: { retryAfterSeconds: 3, upstream: 'bank' } });
    expect(outcomes[3]).toMatchObject({ problem: { detail: 'An unexpected error occurred.' } });
    expect(applied).toEqual(['a']);
  });

  it('throws the outage itself when the backend was unavailable for every item, so the whole request answers 503', async () => {
    await expect(applyEachItem([{ id: 'a' }, { id: 'b' }], options(async () => Promise.reject(down())))).rejects.toBeInstanceOf(UpstreamUnavailableError);
  });

  it('keeps at most `concurrency` items in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const items = Array.from({ length: 9 }, (_, i) => ({ id: String(i) }));
    await applyEachItem(items, options(async ({ id }) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return id;
    }, 3));
    expect(most).toBe(3);
  });
});
