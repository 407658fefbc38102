import type { IncomingMessage, ServerResponse } from 'node:http';
import { UpstreamUnavailableError } from '@strata/errors';
import { createLogger } from '@strata/logging';
import { testServiceIssuer } from '@strata/service-auth/testing';
import { listenOnFreePort, type ListeningServer } from '@strata/testing';
import { Registry } from 'prom-client';
import { coreBankingBinding } from './bindings';
import { SystemApiAdapter } from './system-api.adapter';

const CUSTOMER = { id: 'P000000001', customerKey: null, firstName: 'Ada', lastName: 'Lovelace', birthDate: null, email: null, phone: null, address: null, status: 'active', version: 3, modifiedAt: '2026-01-01T00:00:00.000Z' };

/** A System API whose reads hang (until the client gives up) and whose writes answer at once. */
function slowReadsFastWrites(seenWrites: { count: number }) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET') return; // never answered: the client's deadline must end it
    seenWrites.count += 1;
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ customer: CUSTOMER, created: false })));
  };
}

describe('customer-sync live reads of a System API', () => {
  const writes = { count: 0 };
  let server: ListeningServer;

  beforeAll(async () => {
    server = await listenOnFreePort(slowReadsFastWrites(writes));
  });
  afterAll(() => server.close());

  /** The core-banking binding against the test System API, with these live-read bounds. */
  const bindingWithLiveReads = (liveReads: { timeoutMs: number; maxConcurrent: number }) =>
    coreBankingBinding(server.url, {
      logger: createLogger({ service: 'bindings-test', silent: true }),
      registry: new Registry(),
      serviceTokens: testServiceIssuer('process-customer-sync'),
      liveReads,
    });

  it('refuses reads beyond their bulkhead at once, ends the others at their deadline, and leaves writes their own slots', async () => {
    const binding = bindingWithLiveReads({ timeoutMs: 300, maxConcurrent: 2 });
    let readsEnded = false;
    const reads = Promise.all([1, 2].map(() => binding.getById('P000000001').catch((error: unknown) => error))).finally(() => (readsEnded = true));
    await new Promise((resolve) => setTimeout(resolve, 50));

    const refused = await binding.getById('P000000001').catch((error: unknown) => error);
    // answered while the two reads still hang: refused at once, not queued behind them
    expect(readsEnded).toBe(false);
    expect(refused).toBeInstanceOf(UpstreamUnavailableError);
    expect(refused).toMatchObject({ reason: 'bulkhead-full', upstream: 'system-core-banking-read' });

    // The write goes through the delivery client, whose slots the hanging reads do not hold.
    await binding.update('P000000001', { customerKey: 'CK-000001', phone: '+15550100' } as never, null).catch(() => undefined);
    expect(writes.count).toBe(1);

    const ended = await reads;
    expect(ended.every((error) => error instanceof UpstreamUnavailableError && error.reason === 'timeout')).toBe(true);
    await binding.writeClient.shutdown();
  });

  it("shows every breaker towards the System API for readiness: hanging reads open the read breaker, deliveries' stays closed", async () => {
    const binding = bindingWithLiveReads({ timeoutMs: 100, maxConcurrent: 4 });
    const adapter = new SystemApiAdapter(binding);
    expect(adapter.breakers()).toEqual([
      { name: 'system-core-banking-feed', state: 'closed' },
      { name: 'system-core-banking', state: 'closed' },
      { name: 'system-core-banking-read', state: 'closed' },
    ]);

    for (let i = 0; i < 3; i += 1) await binding.getById('P000000001').catch(() => undefined);

    expect(adapter.breakers().map((breaker) => breaker.state)).toEqual(['closed', 'closed', 'open']);
    expect(adapter.isBlocked()).toBe(false);
    await Promise.all(binding.clients.map((client) => client.shutdown()));
  });
});
