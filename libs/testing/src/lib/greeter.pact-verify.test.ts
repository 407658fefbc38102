/**
 * Pact self-test, provider half: verifies the pact the consumer half wrote. Runs in the
 * `pact-verify` target, which depends on every `pact-consumer` target.
 */
import { listenOnFreePort } from './listen-on-free-port';
import { verifyPacts } from './pact';
import { createGreeterApp, PROVIDER } from './__fixtures__/greeter';

jest.setTimeout(30_000);

describe('provider: testing-greeter honours its consumers', () => {
  const people = new Map<string, number>();
  const stateHandlers = {
    'a person named Ada is known': async () => {
      people.set('Ada', 7);
      return undefined;
    },
    'nobody named Bob is known': async () => {
      people.delete('Bob');
      return undefined;
    },
  };

  beforeEach(() => people.clear());

  it('passes verification when it keeps the contract', async () => {
    const provider = await listenOnFreePort(createGreeterApp(people));
    try {
      await expect(verifyPacts({ provider: PROVIDER, providerBaseUrl: provider.url, stateHandlers })).resolves.toBeDefined();
      expect(people.get('Ada')).toBe(7); // the state handler really ran
    } finally {
      await provider.close();
    }
  });

  it('fails verification when it breaks the contract (visits sent as text)', async () => {
    const provider = await listenOnFreePort(createGreeterApp(people, { visitsAsText: true }));
    try {
      await expect(verifyPacts({ provider: PROVIDER, providerBaseUrl: provider.url, stateHandlers })).rejects.toThrow(
        /\$\.visits.*integer/,
      );
    } finally {
      await provider.close();
    }
  });

  it('fails verification when a provider state handler throws, even though its interaction passes on the data already there', async () => {
    const provider = await listenOnFreePort(createGreeterApp(people));
    const broken = {
      ...stateHandlers,
      'nobody named Bob is known': async () => {
        throw new Error('the people store is offline');
      },
    };
    try {
      // Bob is unknown anyway, so the 404 interaction passes: only the state's failure can fail it.
      await expect(verifyPacts({ provider: PROVIDER, providerBaseUrl: provider.url, stateHandlers: broken })).rejects.toThrow(
        /provider state "nobody named Bob is known" \(setup\) failed: Error: the people store is offline/,
      );
      expect(people.get('Ada')).toBe(7); // the other state still ran
    } finally {
      await provider.close();
    }
  });

  it('names the failed state first when a state handler throws and its interaction fails', async () => {
    const provider = await listenOnFreePort(createGreeterApp(people));
    const broken = {
      ...stateHandlers,
      'a person named Ada is known': {
        setup: async () => {
          throw new Error('could not add Ada');
        },
      },
    };
    try {
      await expect(verifyPacts({ provider: PROVIDER, providerBaseUrl: provider.url, stateHandlers: broken })).rejects.toThrow(
        /provider state "a person named Ada is known" \(setup\) failed: Error: could not add Ada[\s\S]*a request for a greeting for Ada/,
      );
    } finally {
      await provider.close();
    }
  });

  it('refuses to pass when no consumer has a pact with the provider', async () => {
    await expect(verifyPacts({ provider: 'testing-nobody', providerBaseUrl: 'http://127.0.0.1:9' })).rejects.toThrow(
      /No pact files for provider "testing-nobody"/,
    );
    await expect(
      verifyPacts({ provider: PROVIDER, providerBaseUrl: 'http://127.0.0.1:9', pactFiles: [] }),
    ).rejects.toThrow(/No pact files/);
  });
});
