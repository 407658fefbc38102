/**
 * Durability of the org emulator as a real process: kill -9 loses nothing, and a
 * subscriber resuming from its stored replay id gets exactly the events it missed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from 'jsforce';
import { createStreamingClient, disconnectAll, StreamingExtension } from './cdc/__fixtures__/jsforce-streaming';
import { AppProcess, freeStablePort, startAppProcess } from '@strata/testing';

const CHANNEL = '/data/ContactChangeEvent';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sf-emulator-'));
let port: number;
let emulator: AppProcess | undefined;

const start = async (cometdTimeoutMs = 1000) =>
  (emulator = await startAppProcess('apps/emulators/salesforce', { PORT: String(port), DATA_DIR: dataDir, COMETD_TIMEOUT_MS: String(cometdTimeoutMs) }));

async function login(): Promise<Connection> {
  const conn = new Connection({ oauth2: { loginUrl: `http://127.0.0.1:${port}`, clientId: 'strata-local-client', clientSecret: 'strata-local-secret' }, version: '58.0' });
  await conn.login('integration@strata.local', 'strata-local-password');
  return conn;
}

/** Subscribes from `replayId` and collects events for `ms`. */
async function collect(conn: Connection, replayId: number, ms: number) {
  const events: { replayId: number; lastName: unknown }[] = [];
  const client = createStreamingClient(conn, [new StreamingExtension.Replay(CHANNEL, replayId)]);
  client.subscribe(CHANNEL, (message) => {
    events.push({ replayId: message.event.replayId, lastName: message.payload['LastName'] });
  });
  await new Promise((resolve) => setTimeout(resolve, ms));
  await disconnectAll([client]);
  return events;
}

beforeAll(async () => {
  port = await freeStablePort();
  await start();
}, 60_000);
afterAll(async () => {
  await emulator?.stop('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

it('loses nothing across kill -9, and a resumed subscriber receives exactly the missed events', async () => {
  const conn = await login();
  const before = await conn.sobject('Contact').create([{ LastName: 'Before-1' }, { LastName: 'Before-2' }], { allOrNone: true });
  const seen = await collect(conn, -2, 800);
  expect(seen.map((e) => e.lastName)).toEqual(['Before-1', 'Before-2']);
  const storedReplayId = seen.at(-1)!.replayId;

  expect(await emulator!.stop('SIGKILL')).toBeNull();
  await start();

  const again = await login();
  const ids = before.map((r) => `'${(r as { id: string }).id}'`).join(', ');
  expect((await again.query(`SELECT LastName FROM Contact WHERE Id IN (${ids})`)).totalSize).toBe(2);
  await again.sobject('Contact').create([{ LastName: 'Missed-1' }, { LastName: 'Missed-2' }], { allOrNone: true });
  const resumed = await collect(again, storedReplayId, 800);
  expect(resumed.map((e) => e.lastName)).toEqual(['Missed-1', 'Missed-2']);
  expect(resumed[0]!.replayId).toBeGreaterThan(storedReplayId);
}, 90_000);

it('shuts down promptly and cleanly on SIGTERM while a streaming client holds a long poll', async () => {
  await emulator!.stop('SIGTERM');
  await start(25_000);
  const conn = await login();
  const client = createStreamingClient(conn, []);
  client.subscribe(CHANNEL, () => undefined);
  await new Promise((resolve) => setTimeout(resolve, 800));
  const signalledAt = Date.now();
  expect(await emulator!.stop('SIGTERM')).toBe(0);
  expect(Date.now() - signalledAt).toBeLessThan(5000);
  await disconnectAll([client], 200);
}, 60_000);
