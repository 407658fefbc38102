import type { ClientBody } from '@strata/contract-kit';
import { greetingContract } from './__fixtures__/greeting.contract';
import { silentLogger } from './__fixtures__/upstream.fixture';
import { createContractClient } from './contract-client';
import { createHttpClient } from './http-client';

/** Fails to compile unless `A` and `B` are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(value: T): T => value;

type Greeting = { id: string; text: string; language: 'en' | 'nl' };

/**
 * Compile-time checks: `npx nx typecheck http-client` fails if the typed client stops
 * rejecting these calls or loses its result types. The function is never run, so no
 * request goes out; the test below only proves the methods exist at runtime.
 */
function typeChecks(api: ReturnType<typeof createContractClient<typeof greetingContract.routes>>) {
  // @ts-expect-error the path parameter `id` is required
  void api.getGreeting({});
  // @ts-expect-error the request itself is required when it has required parts
  void api.getGreeting();
  // @ts-expect-error `text` must be a string
  void api.putGreeting({ params: { id: 'g-1' }, body: { text: 42 } });
  // @ts-expect-error `body` is required for putGreeting
  void api.putGreeting({ params: { id: 'g-1' } });
  // @ts-expect-error `limit` is a number
  void api.listGreetings({ query: { limit: 'ten' } });
  // Every part of listGreetings is optional, so the request may be left out.
  void api.listGreetings();

  assertType<Equal<Awaited<ReturnType<typeof api.putGreeting>>, Greeting>>(true);
  assertType<Equal<ClientBody<typeof greetingContract.routes.getGreeting>, Greeting | undefined>>(true);
  return async () => {
    const response = await api.$response.getGreeting({ params: { id: 'g-1' } });
    if (response.status === 200) assertType<Equal<typeof response.body, Greeting>>(true);
    else assertType<Equal<typeof response.body, undefined>>(true);
  };
}

describe('the typed client types', () => {
  it('has one method per route, plus $response and $client', async () => {
    const client = createHttpClient({ name: 'types', baseUrl: 'http://127.0.0.1:9', logger: silentLogger() });
    const api = createContractClient(greetingContract, { client });
    expect(typeof typeChecks).toBe('function');
    expect(Object.keys(api).sort()).toEqual(['$client', '$response', 'deleteGreeting', 'getGreeting', 'listGreetings', 'putGreeting']);
    expect(Object.keys(api.$response).sort()).toEqual(['deleteGreeting', 'getGreeting', 'listGreetings', 'putGreeting']);
    await client.shutdown();
  });
});
