/**
 * Pact self-test, consumer half: writes pacts/testing-consumer-testing-greeter.json.
 * Runs in the `pact-consumer` target, which Nx runs before every `pact-verify`.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { definePactConsumer, MatchersV3, pactFilePath, pactFilesFor } from './pact';
import { CONSUMER, fetchGreeting, PROVIDER } from './__fixtures__/greeter';

const { like, integer, regex } = MatchersV3;
const PACT_FILE = pactFilePath(CONSUMER, PROVIDER);

jest.setTimeout(30_000);

describe('consumer: testing-consumer expects testing-greeter to greet', () => {
  beforeAll(() => rmSync(PACT_FILE, { force: true }));

  it('gets a greeting for a known person', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    pact
      .given('a person named Ada is known')
      .uponReceiving('a request for a greeting for Ada')
      .withRequest({ method: 'GET', path: '/greetings/Ada', headers: { accept: 'application/json' } })
      .willRespondWith({
        status: 200,
        headers: { 'content-type': regex(/application\/json.*/, 'application/json; charset=utf-8') },
        body: { name: 'Ada', message: like('Hello, Ada'), visits: integer(3) },
      });

    const result = await pact.executeTest((server) => fetchGreeting(server.url, 'Ada'));

    expect(result).toEqual({ status: 200, body: { name: 'Ada', message: 'Hello, Ada', visits: 3 } });
  });

  it('gets a 404 for an unknown person', async () => {
    const pact = definePactConsumer({ consumer: CONSUMER, provider: PROVIDER });
    pact
      .given('nobody named Bob is known')
      .uponReceiving('a request for a greeting for Bob')
      .withRequest({ method: 'GET', path: '/greetings/Bob', headers: { accept: 'application/json' } })
      .willRespondWith({
        status: 404,
        headers: { 'content-type': regex(/application\/problem\+json.*/, 'application/problem+json') },
        body: { status: 404 },
      });

    const result = await pact.executeTest((server) => fetchGreeting(server.url, 'Bob'));

    expect(result?.status).toBe(404);
  });

  it('has written the pact file where providers look for it', () => {
    expect(existsSync(PACT_FILE)).toBe(true);
    const pact = JSON.parse(readFileSync(PACT_FILE, 'utf8')) as { interactions: Array<{ description: string }> };
    expect(pact.interactions.map((i) => i.description).sort()).toEqual([
      'a request for a greeting for Ada',
      'a request for a greeting for Bob',
    ]);
    expect(pactFilesFor(PROVIDER)).toEqual([PACT_FILE]);
  });
});

