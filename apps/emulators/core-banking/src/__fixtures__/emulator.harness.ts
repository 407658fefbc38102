import { createLogger } from '@strata/logging';
import { openDatabase } from '@strata/persistence';
import { createApp } from '../app';
import { PartyStore } from '../store/party.store';

/** A party body as a bank client would post it. */
export const partyBody = (familyName: string, crmKey?: string) => ({
  externalRefs: crmKey ? [{ scheme: 'CRM', value: crmKey }] : [],
  legalName: { givenNames: 'Ada', familyName },
  birthDate: '19800214',
  contact: { email: `${familyName.toLowerCase()}@example.org`, phone: '+15555550100' },
  address: { line1: '1 Main St', line2: null, line3: 'NY', city: 'Springfield', postcode: '10001', countryCode: 'US' },
  statusCode: 'A',
});

/**
 * The emulator in-process over an in-memory PGlite, with a settable clock so tests can
 * put several writes into one bank second (or into different ones) on purpose.
 */
export async function startEmulator(options: { maxPageSize?: number } = {}) {
  const db = await openDatabase();
  const start = new Date('2026-03-01T10:00:00Z');
  let now = start;
  const store = await PartyStore.open(db, () => now);
  const service = createApp({ logger: createLogger({ service: 'emulators-core-banking', silent: true }), store, reset: () => store.reset(), maxPageSize: options.maxPageSize });
  return {
    app: service.app,
    faults: service.faults,
    store,
    setClock: (iso: string) => void (now = new Date(iso)),
    /** Empties the bank, clears every fault and winds the clock back: each test starts clean. */
    reset: async () => {
      await store.reset();
      service.faults.clear();
      now = start;
    },
    close: () => db.close(),
  };
}
