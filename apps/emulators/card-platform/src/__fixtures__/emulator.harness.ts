import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as soap from 'soap';
import { createLogger } from '@strata/logging';
import { openDatabase } from '@strata/persistence';
import { listenOnFreePort } from '@strata/testing';
import { createApp } from '../app';
import { seedPlatform } from '../seed/seed-platform';
import { SOAP_PATH } from '../soap/soap.endpoint';
import { CardholderStore } from '../store/cardholder.store';

/**
 * The emulator in-process on a free port over PGlite in a temp folder, with a real
 * `soap` client built from the served WSDL: what the System API meets, minus a process.
 */
export async function startEmulator(options: { people?: number } = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cp-emulator-'));
  const db = await openDatabase({ dataDir });
  const store = await CardholderStore.open(db);
  const logger = createLogger({ service: 'emulators-card-platform', silent: true });
  const seedSettings = { people: options.people ?? 60, seed: 'strata', logger };
  await seedPlatform(store, seedSettings);
  const service = createApp({ logger, store, reseed: async () => (await store.clear(), seedPlatform(store, seedSettings)) });
  const server = await listenOnFreePort(service.app);
  const client = await soap.createClientAsync(`${server.url}${SOAP_PATH}?wsdl`);
  client.setEndpoint(`${server.url}${SOAP_PATH}`);
  return {
    url: server.url,
    store,
    faults: service.faults,
    client,
    close: async () => {
      await server.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The `<CardFault>` detail of a fault the soap client threw, or undefined. */
export function cardFaultOf(error: unknown): { faultcode?: string; Code?: string; Field?: string; status?: number } {
  const e = error as { root?: { Envelope?: { Body?: { Fault?: { faultcode?: string; detail?: { CardFault?: { Code?: string; Field?: string } } } } } }; response?: { status?: number } };
  const fault = e.root?.Envelope?.Body?.Fault;
  return { faultcode: fault?.faultcode, ...fault?.detail?.CardFault, status: e.response?.status };
}
