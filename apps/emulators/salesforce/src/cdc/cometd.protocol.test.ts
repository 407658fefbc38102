import { CometdTestServer, startCometdServer, waitFor } from './__fixtures__/cometd-test.server';
import { rawBayeux, replayIdsIn } from './__fixtures__/bayeux-raw.client';

const CONTACTS = '/data/ContactChangeEvent';
const TIMEOUT_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the CometD endpoint on the wire (Bayeux long polling)', () => {
  let server: CometdTestServer;
  let bayeux: ReturnType<typeof rawBayeux>;

  beforeEach(async () => {
    server = await startCometdServer({ connectTimeoutMs: TIMEOUT_MS });
    bayeux = rawBayeux(server);
  });

  afterEach(async () => {
    await server.close();
  });

  it('answers a handshake with a client id and the capabilities Salesforce announces', async () => {
    const res = await server.post([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], id: '1' }]);
    expect(res.status).toBe(200);
    expect(res.replies).toEqual([
      {
        channel: '/meta/handshake',
        id: '1',
        clientId: expect.stringMatching(/^[0-9a-z]{20,}$/),
        version: '1.0',
        minimumVersion: '1.0',
        supportedConnectionTypes: ['long-polling'],
        successful: true,
        ext: { replay: true, 'payload.format': true },
        advice: { interval: 0, timeout: TIMEOUT_MS, reconnect: 'retry' },
      },
    ]);
    expect(server.endpoint.clientCount()).toBe(1);
  });

  it('answers every message of a batched POST in one array, the connect last and at once when it carries timeout 0', async () => {
    const clientId = await bayeux.handshake();
    const started = Date.now();
    const res = await server.post([
      bayeux.connectMessage(clientId, { timeout: 0 }),
      bayeux.subscribeMessage(clientId, CONTACTS),
      bayeux.subscribeMessage(clientId, '/data/AccountChangeEvent', -2),
    ]);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
    expect(res.replies.map((r) => [r.channel, r.id, r.successful])).toEqual([
      ['/meta/subscribe', '3', true],
      ['/meta/subscribe', '4', true],
      ['/meta/connect', '2', true],
    ]);
  });

  it('holds a later connect until an event arrives, then answers with the events followed by the connect reply', async () => {
    const clientId = await bayeux.subscribedClient(CONTACTS);
    const held = bayeux.connect(clientId);
    await sleep(100);
    server.log.append({ entityName: 'Account' }, { entityName: 'Contact' });
    const replies = await held;
    expect(replies.map((r) => r.channel)).toEqual([CONTACTS, '/meta/connect']);
    expect(replayIdsIn(replies)).toEqual([2]);
    expect(replies[1]).toMatchObject({ clientId, successful: true, advice: { reconnect: 'retry', timeout: TIMEOUT_MS } });
  });

  it('answers a held connect with no events when the timeout passes', async () => {
    const clientId = await bayeux.subscribedClient(CONTACTS);
    const started = Date.now();
    const replies = await bayeux.connect(clientId);
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(replies).toEqual([expect.objectContaining({ channel: '/meta/connect', successful: true })]);
  });

  it('delivers events committed between two connects on the next connect, at once', async () => {
    const clientId = await bayeux.subscribedClient(CONTACTS);
    server.log.append({ entityName: 'Contact' }, { entityName: 'Contact' });
    const started = Date.now();
    const replies = await bayeux.connect(clientId);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
    expect(replayIdsIn(replies)).toEqual([1, 2]);
  });

  it('keeps events for the next connect when a held connect request goes away before they arrive', async () => {
    const clientId = await bayeux.subscribedClient(CONTACTS);
    const abandoned = new AbortController();
    const held = server.post([bayeux.connectMessage(clientId)], { signal: abandoned.signal }).catch(() => 'aborted');
    await sleep(100);
    abandoned.abort();
    expect(await held).toBe('aborted');
    await sleep(50);
    server.log.append({ entityName: 'Contact' });
    expect(replayIdsIn(await bayeux.connect(clientId))).toEqual([1]);
  });

  it('tells a client it does not know to handshake again (403::Unknown client)', async () => {
    const res = await server.post([bayeux.connectMessage('no-such-client'), bayeux.subscribeMessage('no-such-client', CONTACTS)]);
    expect(res.status).toBe(200);
    for (const reply of res.replies) {
      expect(reply).toMatchObject({ successful: false, error: '403::Unknown client', advice: { reconnect: 'handshake' } });
    }
  });

  it('answers held connects when all clients are dropped, and their next connect meets 403::Unknown client', async () => {
    const clientId = await bayeux.subscribedClient(CONTACTS);
    const held = bayeux.connect(clientId);
    await sleep(100);
    server.endpoint.dropAllClients();
    expect(await held).toEqual([expect.objectContaining({ channel: '/meta/connect', successful: true })]);
    expect(await bayeux.connect(clientId)).toEqual([expect.objectContaining({ error: '403::Unknown client' })]);
    expect(server.endpoint.clientCount()).toBe(0);
  });

  it('forgets a client on /meta/disconnect and answers its held connect', async () => {
    const clientId = await bayeux.subscribedClient(CONTACTS);
    const held = bayeux.connect(clientId);
    await sleep(100);
    const res = await server.post([{ channel: '/meta/disconnect', clientId, id: 'd1' }]);
    expect(res.replies).toEqual([{ channel: '/meta/disconnect', clientId, id: 'd1', successful: true }]);
    expect(await held).toEqual([expect.objectContaining({ channel: '/meta/connect' })]);
    expect(server.endpoint.clientCount()).toBe(0);
  });

  it('expires clients that stop polling, so memory does not grow', async () => {
    const clientId = await bayeux.subscribedClient(CONTACTS);
    expect(server.endpoint.clientCount()).toBe(1);
    await waitFor('the idle client to expire', () => server.endpoint.clientCount() === 0, 8_000);
    expect(await bayeux.connect(clientId)).toEqual([expect.objectContaining({ error: '403::Unknown client' })]);
  });

  it('refuses a request without a token with HTTP 401 and 401::Request requires authentication', async () => {
    const res = await server.post([{ channel: '/meta/handshake', id: '1' }], { token: null });
    expect(res.status).toBe(401);
    expect(res.replies[0]).toMatchObject({
      id: '1',
      error: '403::Handshake denied',
      ext: { sfdc: { failureReason: '401::Request requires authentication' } },
    });
  });

  it('refuses an invalid token with HTTP 401 and one Bayeux failure per message, echoing ids', async () => {
    const res = await server.post([{ channel: '/meta/handshake', id: '1' }, bayeux.connectMessage('c1')], { token: 'expired' });
    expect(res.status).toBe(401);
    expect(res.replies).toEqual([
      {
        channel: '/meta/handshake',
        id: '1',
        successful: false,
        error: '403::Handshake denied',
        advice: { reconnect: 'none' },
        ext: { sfdc: { failureReason: '401::Authentication invalid' }, replay: true },
      },
      expect.objectContaining({ channel: '/meta/connect', clientId: 'c1', successful: false, error: '401::Authentication invalid', advice: { reconnect: 'none', interval: 0 } }),
    ]);
  });

  it('answers a body that is not Bayeux with HTTP 400', async () => {
    const res = await server.post('[{"no":"channel"}]');
    expect(res.status).toBe(400);
  });
});
