/**
 * Provider verification: the real customer-sync app (on PGlite, over in-memory feeds and
 * writers) answers every interaction its consumers recorded
 * (pacts/*-process-customer-sync.json). Each provider state starts the app afresh and
 * seeds golden records the way they come to exist in production: a system's change goes
 * through intake, contact details through the app's own API, and deliveries run.
 */
import request from 'supertest';
import { listenOnFreePort, verifyPacts } from '@strata/testing';
import { startSyncApp } from '../__fixtures__/sync-app.harness';

// Every interaction starts a fresh app on PGlite; with three consumers that is minutes on a loaded CI machine.
jest.setTimeout(360_000);

type SyncApp = Awaited<ReturnType<typeof startSyncApp>>;
let sync: SyncApp | undefined;

/** A new app and database for each state, so no interaction sees what another one changed. */
async function freshApp(): Promise<SyncApp> {
  await sync?.close();
  sync = await startSyncApp();
  return sync;
}

/** Changes contact details through the API at the record's current version, then delivers. */
async function changeContact(app: SyncApp, customerKey: string, change: object): Promise<void> {
  const current = await request(app.app).get(`/v1/customers/${customerKey}`).expect(200);
  await request(app.app).patch(`/v1/customers/${customerKey}`).set('if-match', current.headers['etag'] as string).send(change).expect(202);
  await app.sync();
}

/**
 * A golden record with every field known: core banking's party arrives through intake,
 * then a consumer adds the address and (last, so it is the newest history entry) the phone.
 */
async function seedGolden(app: SyncApp, customerKey: string, partyId: string): Promise<{ version: number }> {
  app.feeds['core-banking'].push(partyId, { key: customerKey, firstName: 'Ada', lastName: 'Lovelace', email: 'ada.lovelace@example.org', birthDate: '1980-02-14', postalCode: '62701' });
  await app.sync();
  await changeContact(app, customerKey, { address: { street: '12 Elm St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' } });
  await changeContact(app, customerKey, { phone: '+15555550123' });
  const res = await request(app.app).get(`/v1/customers/${customerKey}`).expect(200);
  return { version: res.body.version as number };
}

afterAll(() => sync?.close());

it('honours every consumer pact', async () => {
  const provider = await listenOnFreePort((req, res) => {
    if (!sync) throw new Error('no provider state has started the app');
    sync.app(req, res);
  });
  try {
    const output = await verifyPacts({
      provider: 'process-customer-sync',
      providerBaseUrl: provider.url,
      stateHandlers: {
        'golden record CK-900001 exists, linked to core banking': async () => seedGolden(await freshApp(), 'CK-900001', 'P9001'),
        'golden record CK-900001 exists, linked to core banking, which cannot be read': async () => {
          const app = await freshApp();
          const seeded = await seedGolden(app, 'CK-900001', 'P9001');
          // As behind an open breaker: live reads of core banking fail, the golden record is still served.
          app.feeds['core-banking'].down = true;
          return seeded;
        },
        'golden records CK-900001 and CK-900002 exist': async () => {
          const app = await freshApp();
          await seedGolden(app, 'CK-900001', 'P9001');
          await seedGolden(app, 'CK-900002', 'P9002');
          const first = await request(app.app).get('/v1/customers').query({ limit: 1 }).expect(200);
          return { after: first.body.nextCursor as string };
        },
        'an open match review for CK-900002': async () => {
          const app = await freshApp();
          await seedGolden(app, 'CK-900002', 'P9002');
          // Same name, birth date and postcode, another email and no golden key: a weak match for a person to decide.
          app.feeds.salesforce.push('003B', { key: null, firstName: 'Ada', lastName: 'Lovelace', email: 'ada@elsewhere.example', birthDate: '1980-02-14', postalCode: '62701' });
          await app.sync();
          const open = await request(app.app).get('/v1/reviews').expect(200);
          if (open.body.items.length !== 1) throw new Error(`expected one open review, found ${open.body.items.length}`);
          return { reviewId: open.body.items[0].id as string };
        },
      },
    });
    expect(output).toBeDefined();
  } finally {
    await provider.close();
  }
});
