/** The emulator as a real process: state must survive kill -9, and the seed must not come back over it. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as soap from 'soap';
import { type AppProcess, startAppProcess } from '@strata/testing';

jest.setTimeout(60_000);

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cp-restart-'));
let emulator: AppProcess | undefined;
afterAll(async () => {
  await emulator?.stop('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const start = () => startAppProcess('apps/emulators/card-platform', { DATA_DIR: dataDir, SEED_PEOPLE: '40' });
async function clientOf(app: AppProcess) {
  const client = await soap.createClientAsync(`${app.url}/cardholders/v1?wsdl`);
  client.setEndpoint(`${app.url}/cardholders/v1`);
  return client;
}
const countOf = async (app: AppProcess) => ((await (await fetch(`${app.url}/__admin/cardholders/count`)).json()) as { count: number }).count;

it('keeps a cardholder written just before kill -9, and does not seed again over changed data', async () => {
  emulator = await start();
  const seeded = await countOf(emulator);
  expect(seeded).toBeGreaterThan(20);
  const [created] = await (await clientOf(emulator)).UpsertCardholderAsync({ Cardholder: { CustomerRef: 'CK-777777', FullName: 'KILLED, NINE', Status: 'OPEN' } });
  await emulator.stop('SIGKILL');

  emulator = await start();
  const [found] = await (await clientOf(emulator)).GetCardholderAsync({ CardholderId: created.Cardholder.CardholderId });
  expect(found.Cardholder).toMatchObject({ CustomerRef: 'CK-777777', FullName: 'KILLED, NINE' });
  expect(await countOf(emulator)).toBe(seeded + 1);
  expect((await fetch(`${emulator.url}/health/ready`)).status).toBe(200);
});
