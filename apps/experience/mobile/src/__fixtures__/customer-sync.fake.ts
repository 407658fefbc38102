import { processCustomerSyncContract, type CanonicalCustomer, type SyncedSystem } from '@strata/contracts-process-customer-sync';
import { NotFoundError, PreconditionFailedError } from '@strata/errors';
import { createLogger } from '@strata/logging';
import { contractRouter, createServiceApp, type ContractHandlers } from '@strata/service-kit';
import { listenOnFreePort, type ListeningServer } from '@strata/testing';

type Handlers = ContractHandlers<typeof processCustomerSyncContract>;
type SyncState = 'in-sync' | 'pending' | 'retrying' | 'waiting-for-system' | 'dead-lettered' | 'not-linked';

/** A golden record as customer-sync serves it, with sources and every system's ids (which the app must drop). */
export function goldenRecord(customerKey: string, overrides: Partial<CanonicalCustomer> = {}): CanonicalCustomer {
  const at = '2026-03-01T10:00:00.000Z';
  return {
    customerKey,
    firstName: 'Ada',
    lastName: 'Lovelace',
    birthDate: '1980-02-14',
    email: `${customerKey.toLowerCase()}@example.org`,
    phone: '+15555550123',
    address: { street: '12 Elm St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
    status: 'active',
    identifiers: { salesforce: '003SF', 'core-banking': 'P9001', 'card-platform': 'C77', 'loan-mainframe': null },
    version: 3,
    createdAt: at,
    updatedAt: at,
    sources: { email: { system: 'salesforce', at, rule: 'most-recent' } },
    ...overrides,
  };
}

/**
 * customer-sync for route tests: its real contract routes (so requests and answers are
 * validated both ways) over records held in memory, with every call recorded. The
 * contract itself is checked against the real app by Pact.
 */
export async function startFakeCustomerSync(): Promise<{
  url: string;
  records: Map<string, CanonicalCustomer>;
  syncStates: Map<string, Partial<Record<SyncedSystem, SyncState>>>;
  calls: { route: string; customerKey: string }[];
  close: () => Promise<void>;
}> {
  const records = new Map<string, CanonicalCustomer>();
  const syncStates = new Map<string, Partial<Record<SyncedSystem, SyncState>>>();
  const calls: { route: string; customerKey: string }[] = [];
  const find = (route: string, customerKey: string) => {
    calls.push({ route, customerKey });
    const record = records.get(customerKey);
    if (!record) throw new NotFoundError(`No golden record ${customerKey}`);
    return record;
  };
  const notUsed = () => {
    throw new Error('not used by experience-mobile');
  };
  const handlers = {
    ...(Object.fromEntries(Object.keys(processCustomerSyncContract.routes).map((name) => [name, notUsed])) as unknown as Handlers),
    getCustomer: ({ params }) => {
      const record = find('getCustomer', params.customerKey);
      return { status: 200, body: record, headers: { etag: `"${record.version}"` } };
    },
    changeContactDetails: ({ params, headers, body }) => {
      const record = find('changeContactDetails', params.customerKey);
      if (headers['if-match'] !== `"${record.version}"`) throw new PreconditionFailedError(`Golden record ${params.customerKey} is at version ${record.version}`);
      const changed = { ...record, ...body, address: { ...record.address, ...body.address }, version: record.version + 1 } as CanonicalCustomer;
      records.set(params.customerKey, changed);
      return { status: 202, body: { customerKey: params.customerKey, version: changed.version, customer: changed, statusUrl: `/v1/customers/${params.customerKey}/sync-status` } };
    },
    getCustomerSyncStatus: ({ params }) => {
      const record = find('getCustomerSyncStatus', params.customerKey);
      const states = syncStates.get(params.customerKey) ?? {};
      const systems = (['salesforce', 'core-banking', 'card-platform', 'loan-mainframe'] as const).map((system) => ({
        system,
        state: states[system] ?? 'not-linked',
        deliveredVersion: states[system] === 'in-sync' ? record.version : null,
        attempts: states[system] === 'dead-lettered' ? 8 : 1,
        lastError: states[system] === 'dead-lettered' ? 'ECONNRESET from http://card-platform:8283/v1/customers/C77' : null,
        updatedAt: null,
      }));
      return { status: 200, body: { customerKey: params.customerKey, version: record.version, systems } };
    },
  } satisfies Handlers;
  const { app } = createServiceApp({
    name: 'fake-customer-sync',
    logger: createLogger({ service: 'fake-customer-sync', silent: true }),
    routes: contractRouter(processCustomerSyncContract, handlers, { validateResponses: true }),
  });
  const server: ListeningServer = await listenOnFreePort(app);
  return { url: server.url, records, syncStates, calls, close: () => server.close() };
}
