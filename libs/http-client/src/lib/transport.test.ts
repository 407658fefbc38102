import type { ServerResponse } from 'node:http';
import { silentLogger, startUpstream, type SeenRequest, type TestUpstream } from './__fixtures__/upstream.fixture';
import { createHttpClient, type HttpClient, type HttpRequest } from './http-client';

/** Headers that depend on the socket or on how the body was framed, not on what the client asked for. */
const FRAMING = ['host', 'connection', 'content-length', 'transfer-encoding'];
const comparable = (seen: SeenRequest) => ({
  method: seen.method,
  url: seen.url,
  body: seen.body,
  headers: Object.fromEntries(Object.entries(seen.headers).filter(([name]) => !FRAMING.includes(name))),
});

function answer(res: ServerResponse, url: string): void {
  if (url.includes('text')) {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('not json {');
    return;
  }
  if (url.includes('empty')) {
    res.writeHead(204).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'], 'x-Mixed-Case': 'v' });
  res.end(JSON.stringify({ ok: true, list: [1, 2] }));
}

const CALLS: Array<[string, HttpRequest]> = [
  ['a GET with query and headers', { method: 'get', path: '/v1/items/a%2Fb', query: { tag: ['x', 'y z'], n: 3 }, headers: { 'X-Trace': 't1', Accept: 'application/json' } }],
  ['a POST with a JSON object', { method: 'POST', path: '/v1/items', body: { name: 'Ada', tags: ['a'] } }],
  ['a PUT with a JSON array', { method: 'PUT', path: '/v1/items/1', body: [1, 2] }],
  ['a POST without a body', { method: 'POST', path: '/v1/items/1/touch' }],
  ['a POST with a string body and its own content type', { method: 'POST', path: '/v1/raw', body: 'a=1', headers: { 'content-type': 'text/plain' } }],
  ['a PATCH with a Buffer', { method: 'PATCH', path: '/v1/raw', body: Buffer.from('bytes') }],
  ['a GET answered with text that is not JSON', { method: 'GET', path: '/v1/text' }],
  ['a DELETE answered with 204', { method: 'DELETE', path: '/v1/empty' }],
];

describe('the direct undici path and axios pipeline send and read the same', () => {
  let upstream: TestUpstream;
  let direct: HttpClient;
  let pipeline: HttpClient;

  beforeAll(async () => {
    upstream = await startUpstream((req, res) => answer(res, req.url ?? ''));
    const make = () => createHttpClient({ name: 'items', baseUrl: `${upstream.url}/api/`, transport: 'undici', retry: false, logger: silentLogger() });
    direct = make();
    pipeline = make();
    // Taking the axios instance is what switches a client to the full pipeline.
    expect(pipeline.axios.defaults.maxRedirects).toBe(0);
  });

  afterAll(async () => {
    await Promise.all([direct.shutdown(), pipeline.shutdown()]);
    await upstream.close();
  });

  it.each(CALLS)('%s', async (_name, call) => {
    const viaPipeline = await pipeline.request({ ...call, acceptStatus: () => true });
    const pipelineSaw = comparable(upstream.requests.at(-1)!);
    const viaDirect = await direct.request({ ...call, acceptStatus: () => true });
    const directSaw = comparable(upstream.requests.at(-1)!);

    expect(directSaw).toEqual(pipelineSaw);
    expect(directSaw.url.startsWith('/api/v1/')).toBe(true);
    // The Date header is the second the answer was sent: the two calls may straddle one.
    expect(withoutDate(viaDirect)).toEqual(withoutDate(viaPipeline));
  });

  it('reads JSON, repeated headers and lower-case names the same way', async () => {
    const response = await direct.request({ method: 'GET', path: '/v1/items/1' });
    expect(response.body).toEqual({ ok: true, list: [1, 2] });
    expect(response.headers).toMatchObject({ 'set-cookie': 'a=1, b=2', 'x-mixed-case': 'v' });
  });

  it('runs an interceptor registered after calls were already made directly', async () => {
    const client = createHttpClient({ name: 'items', baseUrl: upstream.url, retry: false, logger: silentLogger() });
    await client.request({ method: 'GET', path: '/v1/items/1' });
    client.axios.interceptors.request.use((config) => {
      config.headers.set('x-intercepted', 'yes');
      return config;
    });
    await client.request({ method: 'GET', path: '/v1/items/1' });
    expect(upstream.requests.at(-2)?.headers['x-intercepted']).toBeUndefined();
    expect(upstream.requests.at(-1)?.headers['x-intercepted']).toBe('yes');
    await client.shutdown();
  });
});

/** A response without its Date header, which differs between two calls made a second apart. */
function withoutDate<T extends { headers: Record<string, unknown> }>(response: T): T {
  const { date: _date, ...headers } = response.headers;
  return { ...response, headers };
}
