import { UpstreamError, ValidationError } from '@strata/errors';
import { greetingContract } from './__fixtures__/greeting.contract';
import { rejectionOf, sendJson, silentLogger, startUpstream, type TestUpstream } from './__fixtures__/upstream.fixture';
import { ContractViolationError, createContractClient } from './contract-client';
import { createHttpClient, type HttpClient } from './http-client';

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

describe('createContractClient', () => {
  let upstream: TestUpstream;
  let client: HttpClient;
  let reply: Reply;

  const api = () => createContractClient(greetingContract, { client });

  beforeEach(async () => {
    reply = { status: 200, body: { id: 'g-1', text: 'hello', language: 'en' } };
    upstream = await startUpstream((_req, res) => sendJson(res, reply.status, reply.body, reply.headers));
    client = createHttpClient({ name: 'greetings', baseUrl: upstream.url, logger: silentLogger(), validateResponses: true, timeoutMs: 500 });
  });

  afterEach(async () => {
    await client.shutdown();
    await upstream.close();
  });

  it('URL-encodes path params and resolves with the success body', async () => {
    const greeting = await api().getGreeting({ params: { id: 'g-a b/c?' } });
    expect(greeting).toEqual({ id: 'g-1', text: 'hello', language: 'en' });
    expect(upstream.requests[0]).toMatchObject({ method: 'GET', url: '/v1/greetings/g-a%20b%2Fc%3F' });
  });

  it('serializes the query: arrays repeated, undefined left out', async () => {
    reply = { status: 200, body: { items: [] } };
    await api().listGreetings({ query: { language: ['en', 'nl'], limit: 10, after: undefined } });
    expect(upstream.requests[0]?.url).toBe('/v1/greetings?language=en&language=nl&limit=10');
    await api().listGreetings();
    expect(upstream.requests[1]?.url).toBe('/v1/greetings');
  });

  it('sends headers and a JSON body, and $response gives status, body and headers', async () => {
    reply = { status: 201, body: { id: 'g-7', text: 'hoi', language: 'nl' }, headers: { etag: '"1"' } };
    const response = await api().$response.putGreeting({
      params: { id: 'g-7' },
      headers: { 'idempotency-key': 'key-000001' },
      body: { text: 'hoi', language: 'nl' },
    });
    expect(response).toMatchObject({ status: 201, body: { id: 'g-7', language: 'nl' }, headers: { etag: '"1"' } });
    const seen = upstream.requests[0];
    expect(seen).toMatchObject({ method: 'PUT', url: '/v1/greetings/g-7', body: '{"text":"hoi","language":"nl"}' });
    expect(seen?.headers).toMatchObject({ 'idempotency-key': 'key-000001', 'content-type': expect.stringContaining('application/json') });
  });

  it('treats declared 304 and 300 as results, not errors', async () => {
    reply = { status: 304 };
    await expect(api().$response.getGreeting({ params: { id: 'g-1' }, headers: { 'if-none-match': '"1"' } })).resolves.toMatchObject({ status: 304, body: undefined });
    reply = { status: 300, body: { choices: ['a'] } };
    await expect(api().$response.listGreetings()).resolves.toMatchObject({ status: 300, body: { choices: ['a'] } });
    reply = { status: 301 };
    await expect(api().getGreeting({ params: { id: 'g-1' } })).rejects.toMatchObject({ upstreamStatus: 301 });
  });

  it('rejects an invalid request with a ValidationError naming each field, without sending it', async () => {
    const error = await rejectionOf(
      // Runtime input the types would have refused, as from untyped JSON.
      api().putGreeting({ params: { id: 'g-1' }, headers: { 'idempotency-key': 'short' }, body: { text: '' } }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.map((e) => e.path).sort()).toEqual(['body.text', 'headers.idempotency-key']);
    expect((error as Error).message).toContain('test-greetings.putGreeting');
    await expect(api().getGreeting({ params: { id: 'bad-id' } })).rejects.toBeInstanceOf(ValidationError);
    expect(upstream.requests).toHaveLength(0);
  });

  it('reports a response that breaks the contract, naming route and fields', async () => {
    reply = { status: 200, body: { id: 'g-1', text: 42 } };
    const error = await rejectionOf(api().getGreeting({ params: { id: 'g-1' } }));
    expect(error).toBeInstanceOf(ContractViolationError);
    expect((error as Error).message).toMatch(/test-greetings\.getGreeting \(GET \/v1\/greetings\/:id\).*response\.text/);
    expect((error as ContractViolationError).fieldErrors.map((e) => e.path)).toEqual(['response.text']);

    const lenient = createHttpClient({ name: 'lenient', baseUrl: upstream.url, logger: silentLogger(), validateResponses: false });
    await expect(createContractClient(greetingContract, { client: lenient }).getGreeting({ params: { id: 'g-1' } })).resolves.toEqual({ id: 'g-1', text: 42 });
    await lenient.shutdown();
  });

  it('maps error answers like the client does, and retries a route the contract marks idempotent', async () => {
    reply = { status: 404, body: { type: 'about:blank', title: 'Not Found', status: 404 } };
    await expect(api().deleteGreeting({ params: { id: 'g-1' } })).rejects.toBeInstanceOf(UpstreamError);
    expect(upstream.requests).toHaveLength(1);

    reply = { status: 503 };
    await expect(api().putGreeting({ params: { id: 'g-1' }, body: { text: 'hi' } })).rejects.toMatchObject({ reason: 'server-error' });
    const puts = upstream.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1 + 2);
  });

  it('can create its own client, named after the contract', async () => {
    const own = createContractClient(greetingContract, { baseUrl: upstream.url, logger: silentLogger() });
    expect(own.$client.name).toBe('test-greetings');
    await expect(own.getGreeting({ params: { id: 'g-1' } })).resolves.toMatchObject({ id: 'g-1' });
    await own.$client.shutdown();
  });
});
