import { schemaIdFor } from './change-event.channels';
import { CometdTestServer, startCometdServer, waitFor } from './__fixtures__/cometd-test.server';
import {
  acknowledged,
  connectJsforce,
  createStreamingClient,
  disconnectAll,
  FayeClientLike,
  recorder,
  StreamingExtension,
  topicClients,
} from './__fixtures__/jsforce-streaming';

const CONTACTS = '/data/ContactChangeEvent';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the CometD endpoint, driven by the real jsforce streaming client', () => {
  let server: CometdTestServer;
  let clients: FayeClientLike[];

  beforeEach(async () => {
    server = await startCometdServer({ connectTimeoutMs: 3000 });
    clients = [];
  });

  afterEach(async () => {
    await disconnectAll(clients);
    await server.close();
  });

  /** A jsforce faye client with the given extensions, closed after the test. */
  function streamingClient(...extensions: object[]): FayeClientLike {
    const client = createStreamingClient(connectJsforce(server.url), extensions);
    clients.push(client);
    return client;
  }

  /** A `conn.streaming.topic(channel)` subscription, the simplest way the System API subscribes. */
  async function subscribeTopic(channel: string) {
    const conn = connectJsforce(server.url);
    const received = recorder();
    const subscription = conn.streaming.topic(channel).subscribe(received.listener as never);
    clients.push(...topicClients(conn));
    await acknowledged(subscription);
    return received;
  }

  it('delivers a committed change to a topic subscriber within 200 ms, shaped as Salesforce sends it', async () => {
    const received = await subscribeTopic(CONTACTS);
    await sleep(150); // let the client's second connect reach the server and be held
    const latencies: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const appendedAt = performance.now();
      const [event] = server.log.append({ entityName: 'Contact', fields: { LastName: `Lovelace ${i}` } });
      await waitFor('the change event', () => received.events.length === i + 1);
      latencies.push(received.arrivedAt[i]! - appendedAt);
      expect(received.events[i]).toEqual({
        schema: schemaIdFor('Contact'),
        payload: event!.payload,
        event: { replayId: event!.replayId },
      });
      await sleep(50);
    }
    expect(Math.max(...latencies)).toBeLessThan(200);
  });

  it('replays every retained event with -2, in replay order, then continues with new ones', async () => {
    for (let i = 0; i < 260; i += 1) server.log.append({ entityName: i % 4 === 0 ? 'Account' : 'Contact' });
    server.log.purgeThrough(10);
    const expected = (await server.log.readAfter(0, 1000)).filter((e) => e.entityName === 'Contact').map((e) => e.replayId);
    const received = recorder();
    await acknowledged(streamingClient(new StreamingExtension.Replay(CONTACTS, -2)).subscribe(CONTACTS, received.listener));
    await waitFor('all retained contact events', () => received.events.length >= expected.length);
    const [next] = server.log.append({ entityName: 'Contact' });
    await waitFor('the new event', () => received.events.length === expected.length + 1);
    expect(received.replayIds()).toEqual([...expected, next!.replayId]);
  });

  it('resumes after a given replay id with exactly the later events: no gap, no repeat', async () => {
    for (let i = 0; i < 10; i += 1) server.log.append({ entityName: 'Contact' });
    const received = recorder();
    await acknowledged(streamingClient(new StreamingExtension.Replay(CONTACTS, 6)).subscribe(CONTACTS, received.listener));
    await waitFor('events 7 to 10', () => received.events.length >= 4);
    server.log.append({ entityName: 'Contact' });
    await waitFor('event 11', () => received.events.length >= 5);
    await sleep(200);
    expect(received.replayIds()).toEqual([7, 8, 9, 10, 11]);
  });

  it.each([
    ['purged from the retention window', 3],
    ['beyond the latest event', 99],
  ])('fails the subscription with the 400 replay error when the replay id is %s', async (_case, replayId) => {
    for (let i = 0; i < 10; i += 1) server.log.append({ entityName: 'Contact' });
    server.log.purgeThrough(5);
    const subscription = streamingClient(new StreamingExtension.Replay(CONTACTS, replayId)).subscribe(CONTACTS, () => undefined);
    await expect(acknowledged(subscription)).rejects.toMatchObject({
      code: 400,
      message: `The replayId ${replayId} you provided was invalid or out of the retention window.`,
    });
  });

  it('streams every entity on /data/ChangeEvents, each on that channel', async () => {
    const received = await subscribeTopic('/data/ChangeEvents');
    server.log.append({ entityName: 'Contact' }, { entityName: 'Account' }, { entityName: 'Invoice__c' });
    await waitFor('three events', () => received.events.length === 3);
    expect(received.events.map((e) => e.payload.ChangeEventHeader.entityName)).toEqual(['Contact', 'Account', 'Invoice__c']);
  });

  it('after all clients are dropped, jsforce re-handshakes on 403 Unknown client and keeps receiving new events', async () => {
    const received = await subscribeTopic(CONTACTS);
    server.log.append({ entityName: 'Contact' });
    await waitFor('the first event', () => received.events.length === 1);
    server.endpoint.dropAllClients();
    expect(server.endpoint.clientCount()).toBe(0);
    await appendUntilReceived(received, 2);
    expect(server.endpoint.clientCount()).toBe(1);
  });

  it('without a replay extension (topic API), a change committed while jsforce re-handshakes is not replayed', async () => {
    const received = await subscribeTopic(CONTACTS);
    server.log.append({ entityName: 'Contact' });
    await waitFor('the first event', () => received.events.length === 1);
    server.endpoint.dropAllClients();
    const [missed] = server.log.append({ entityName: 'Contact' });
    await appendUntilReceived(received, 2);
    expect(received.replayIds()).not.toContain(missed!.replayId);
  });

  it('with the Replay extension, changes committed while the client was dropped arrive after the re-handshake', async () => {
    const received = recorder();
    await acknowledged(streamingClient(new StreamingExtension.Replay(CONTACTS, -1)).subscribe(CONTACTS, received.listener));
    server.log.append({ entityName: 'Contact' });
    await waitFor('the first event', () => received.events.length === 1);
    server.endpoint.dropAllClients();
    server.log.append({ entityName: 'Contact' }, { entityName: 'Contact' });
    await waitFor('the two events of the gap', () => received.events.length === 3);
    server.log.append({ entityName: 'Contact' });
    await waitFor('the next event', () => received.events.length === 4);
    await sleep(200);
    expect(received.replayIds()).toEqual([1, 2, 3, 4]);
  });

  it('refuses an invalid token with 401; faye stops and jsforce AuthFailure reports the handshake denial', async () => {
    const failures: Array<Record<string, unknown>> = [];
    const conn = connectJsforce(server.url, 'not-a-session');
    const client = createStreamingClient(conn, [new StreamingExtension.AuthFailure((m: Record<string, unknown>) => failures.push(m))]);
    clients.push(client);
    client.subscribe(CONTACTS, () => undefined);
    await waitFor('the auth failure', () => failures.length === 1);
    expect(failures[0]).toMatchObject({
      channel: '/meta/handshake',
      successful: false,
      error: '403::Handshake denied',
      advice: { reconnect: 'none' },
      ext: { sfdc: { failureReason: '401::Authentication invalid' } },
    });
    expect(server.endpoint.clientCount()).toBe(0);
  });

  it('ends a stream whose session is revoked: the next connect fails with 401::Authentication invalid', async () => {
    const failures: Array<Record<string, unknown>> = [];
    const received = recorder();
    const client = streamingClient(new StreamingExtension.AuthFailure((m: Record<string, unknown>) => failures.push(m)));
    await acknowledged(client.subscribe(CONTACTS, received.listener));
    await sleep(150);
    server.sessions.revoke('tok');
    server.log.append({ entityName: 'Contact' }); // answers the held connect; the next one meets the revoked token
    await waitFor('the auth failure', () => failures.length === 1);
    expect(received.events).toHaveLength(1);
    expect(failures[0]).toMatchObject({ channel: '/meta/connect', error: '401::Authentication invalid', advice: { reconnect: 'none' } });
  });

  /** Appends a marker event every 100 ms until the subscriber has `count` events (the re-handshake takes a few round trips). */
  async function appendUntilReceived(received: ReturnType<typeof recorder>, count: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (received.events.length < count) {
      if (Date.now() > deadline) throw new Error('the subscriber never received events again');
      server.log.append({ entityName: 'Contact' });
      await sleep(100);
    }
  }
});
