import type { PactV3, V3MockServer } from '@pact-foundation/pact';
import { settleBeforeVerifying } from './pact-mock-settle';

/** A stand-in for PactV3 whose mock server books its match only after `lagPolls` looks. */
function fakePact(lagPolls: number) {
  const server: V3MockServer = { port: 41234, url: 'http://127.0.0.1:41234', id: 'fake' };
  const looks: number[] = [];
  const fake = {
    pact: {
      mockServerMatchedSuccessfully(port: number) {
        looks.push(port);
        return looks.length > lagPolls;
      },
    },
    /** Like pact: runs the test, then reads the bookings once. */
    async executeTest<T>(testFn: (s: V3MockServer) => Promise<T>) {
      const value = await testFn(server);
      return { value, bookedWhenRead: fake.pact.mockServerMatchedSuccessfully(server.port) };
    },
  };
  return { pact: fake as unknown as PactV3, looks };
}

it('lets pact read the bookings only once the mock server has booked what it answered', async () => {
  const { pact, looks } = fakePact(3);
  const outcome = (await settleBeforeVerifying(pact).executeTest(async () => 'answered')) as unknown as { value: string; bookedWhenRead: boolean };

  expect(outcome).toEqual({ value: 'answered', bookedWhenRead: true });
  expect(looks.every((port) => port === 41234)).toBe(true);
});

it('gives up waiting after a bound, so an interaction left unmatched on purpose is still reported', async () => {
  const { pact } = fakePact(Number.POSITIVE_INFINITY);
  const started = Date.now();
  const outcome = (await settleBeforeVerifying(pact).executeTest(async () => 'answered')) as unknown as { bookedWhenRead: boolean };

  expect(outcome.bookedWhenRead).toBe(false);
  expect(Date.now() - started).toBeLessThan(3000);
});
