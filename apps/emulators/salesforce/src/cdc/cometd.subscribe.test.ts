import { CometdTestServer, startCometdServer } from './__fixtures__/cometd-test.server';
import { rawBayeux, replayIdsIn } from './__fixtures__/bayeux-raw.client';

const CONTACTS = '/data/ContactChangeEvent';
const invalidReplay = (id: unknown) => `400::The replayId ${String(id)} you provided was invalid or out of the retention window.`;

describe('subscribing to change event channels over CometD', () => {
  let server: CometdTestServer;
  let bayeux: ReturnType<typeof rawBayeux>;

  async function start(overrides: Parameters<typeof startCometdServer>[0] = {}) {
    server = await startCometdServer({ connectTimeoutMs: 400, ...overrides });
    bayeux = rawBayeux(server);
  }

  afterEach(async () => {
    await server.close();
  });

  it.each([
    ['/data/Contact', '400::The channel you requested to subscribe to does not exist {/data/Contact}'],
    ['/topic/AllContacts', '400::The channel you requested to subscribe to does not exist {/topic/AllContacts}'],
    ['data/ContactChangeEvent', "400::Channel subscriptions must start with a leading '/'"],
  ])('refuses the channel %s with a 400 subscription error', async (channel, error) => {
    await start();
    const clientId = await bayeux.handshake();
    expect(await bayeux.subscribe(clientId, channel)).toMatchObject({ channel: '/meta/subscribe', successful: false, subscription: channel, error });
  });

  it('refuses a well-formed channel of an object the org does not have, when told which exist', async () => {
    await start({ isKnownEntity: (name) => ['Contact', 'Invoice__c'].includes(name) });
    const clientId = await bayeux.handshake();
    expect((await bayeux.subscribe(clientId, '/data/Invoice__ChangeEvent')).successful).toBe(true);
    expect((await bayeux.subscribe(clientId, '/data/WidgetChangeEvent')).error).toMatch(/^400::The channel you requested/);
  });

  describe('with events 1 to 10 of which 1 to 5 were purged', () => {
    beforeEach(async () => {
      await start();
      for (let i = 0; i < 10; i += 1) server.log.append({ entityName: 'Contact' });
      server.log.purgeThrough(5);
    });

    it.each([
      [5, [6, 7, 8, 9, 10]],
      [8, [9, 10]],
      [10, []],
      ['7', [8, 9, 10]],
      [-2, [6, 7, 8, 9, 10]],
      [-1, []],
      [undefined, []],
    ])('resumes after replay id %p with exactly %p', async (replay, expected) => {
      const clientId = await bayeux.handshake();
      expect((await bayeux.subscribe(clientId, CONTACTS, replay)).successful).toBe(true);
      expect(replayIdsIn(await bayeux.connect(clientId))).toEqual(expected);
    });

    it.each([4, 1, 0, 11, -3, 'abc', 2.5])('refuses replay id %p as invalid or out of the retention window', async (replay) => {
      const clientId = await bayeux.handshake();
      expect(await bayeux.subscribe(clientId, CONTACTS, replay)).toMatchObject({ successful: false, subscription: CONTACTS, error: invalidReplay(replay) });
    });
  });

  it('does not replay events older than the retention period even if the log still has them', async () => {
    await start({ retentionMs: 60_000 });
    server.log.append({ entityName: 'Contact', createdAt: new Date(Date.now() - 120_000) });
    server.log.append({ entityName: 'Contact' });
    const clientId = await bayeux.handshake();
    await bayeux.subscribe(clientId, CONTACTS, -2);
    expect(replayIdsIn(await bayeux.connect(clientId))).toEqual([2]);
  });

  it('delivers an event once on each channel of a client subscribed to both its entity and /data/ChangeEvents', async () => {
    await start();
    const clientId = await bayeux.subscribedClient(CONTACTS);
    await bayeux.subscribe(clientId, '/data/ChangeEvents');
    server.log.append({ entityName: 'Contact' }, { entityName: 'Account' });
    const replies = await bayeux.connect(clientId);
    expect(replies.filter((r) => r.data).map((r) => [r.channel, replayIdsIn([r])[0]])).toEqual([
      [CONTACTS, 1],
      ['/data/ChangeEvents', 1],
      ['/data/ChangeEvents', 2],
    ]);
    expect(replayIdsIn(await bayeux.connect(clientId, { timeout: 0 }))).toEqual([]);
  });

  it('answers a held connect as soon as a -2 subscription made after it has retained events', async () => {
    await start({ connectTimeoutMs: 5_000 });
    server.log.append({ entityName: 'Account' });
    const clientId = await bayeux.subscribedClient(CONTACTS);
    const held = bayeux.connect(clientId);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await bayeux.subscribe(clientId, '/data/AccountChangeEvent', -2);
    expect(replayIdsIn(await held)).toEqual([1]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stops delivering on a channel after /meta/unsubscribe', async () => {
    await start();
    const clientId = await bayeux.subscribedClient(CONTACTS);
    const res = await server.post([{ channel: '/meta/unsubscribe', clientId, subscription: CONTACTS, id: 'u1' }]);
    expect(res.replies[0]).toMatchObject({ successful: true, subscription: CONTACTS });
    server.log.append({ entityName: 'Contact' });
    expect(replayIdsIn(await bayeux.connect(clientId, { timeout: 0 }))).toEqual([]);
  });

  it("accepts faye's form-encoded message= body and the /cometd/replay/:version path", async () => {
    await start();
    const body = `message=${encodeURIComponent(JSON.stringify([{ channel: '/meta/handshake', version: '1.0', id: '1' }]))}`;
    const res = await server.post(body, { contentType: 'application/x-www-form-urlencoded', path: '/cometd/replay/36.0' });
    expect(res.status).toBe(200);
    expect(res.replies[0]).toMatchObject({ channel: '/meta/handshake', successful: true });
  });

  it('delivers more events than one reply holds over several connects, in order, each once', async () => {
    await start();
    for (let i = 0; i < 450; i += 1) server.log.append({ entityName: 'Contact' });
    const clientId = await bayeux.handshake();
    await bayeux.subscribe(clientId, CONTACTS, -2);
    const seen: number[] = [];
    for (let i = 0; i < 3; i += 1) seen.push(...replayIdsIn(await bayeux.connect(clientId, { timeout: 0 })));
    expect(seen).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
  });
});
