import { z } from 'zod';
import {
  processCustomerSyncContract,
  type CanonicalCustomer,
  type CustomerSystem,
  type historyEntrySchema,
  type matchReviewSchema,
  type reconciliationReportSchema,
  type syncHealthSchema,
} from '@strata/contracts-process-customer-sync';
import { NotFoundError } from '@strata/errors';
import { createLogger } from '@strata/logging';
import { contractRouter, createServiceApp, type ContractHandlers } from '@strata/service-kit';
import { listenOnFreePort, type ListeningServer } from '@strata/testing';

type Handlers = ContractHandlers<typeof processCustomerSyncContract>;
type HistoryEntry = z.infer<typeof historyEntrySchema>;
type Review = z.infer<typeof matchReviewSchema>;
type Report = z.infer<typeof reconciliationReportSchema>;
type Health = z.infer<typeof syncHealthSchema>;

const AT = '2026-03-01T10:00:00.000Z';

/** A golden record as customer-sync serves it, linked to core banking and Salesforce. */
export function goldenRecord(customerKey: string, overrides: Partial<CanonicalCustomer> = {}): CanonicalCustomer {
  return {
    customerKey,
    firstName: 'Ada',
    lastName: 'Lovelace',
    birthDate: '1980-02-14',
    email: `${customerKey.toLowerCase()}@example.org`,
    phone: '+15555550123',
    address: { street: '12 Elm St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
    status: 'active',
    identifiers: { salesforce: '003SF', 'core-banking': 'P9001', 'card-platform': null, 'loan-mainframe': null },
    version: 3,
    createdAt: AT,
    updatedAt: AT,
    sources: { phone: { system: 'api', at: AT, rule: 'most-recent' } },
    ...overrides,
  };
}

/** A system's live view that agrees with `customer`. */
export function systemInStep(customer: CanonicalCustomer, system: CustomerSystem['system'], recordId: string): CustomerSystem {
  const { firstName, lastName, birthDate, email, phone, address, status } = customer;
  return { system, recordId, status: 'in-step', view: { firstName, lastName, birthDate, email, phone, address, status }, differences: [], reason: null };
}

/** A history entry of `version`: the phone changed through the API. */
export function historyEntry(version: number, to = '+15555550123'): HistoryEntry {
  return { version, at: AT, cause: 'api', changes: [{ field: 'phone', from: '+15555550100', to, source: { system: 'api', at: AT, rule: 'most-recent' } }], rejected: [] };
}

export const healthyStatus = (): Health => ({
  sources: [{ system: 'salesforce', lagSeconds: 0, consuming: true, lastReadAt: AT, lastError: null }],
  targets: [{ system: 'salesforce', outboxDepth: 0, delivered: 4, oldestPendingSeconds: null, deadLetters: 0, breaker: 'closed', lastError: null }],
  openReviews: 0,
});

export function report(id: string, repair: boolean): Report {
  return { id, status: 'running', trigger: 'manual', repair, startedAt: AT, finishedAt: null, goldenRecords: 0, systems: [], mismatches: [], error: null };
}

/**
 * customer-sync for route tests: its real contract routes (requests and answers are
 * validated both ways) over data held in memory, with every call recorded. The
 * contract itself is checked against the real app by Pact.
 */
export async function startFakeCustomerSync() {
  const state = {
    records: new Map<string, CanonicalCustomer>(),
    systems: new Map<string, CustomerSystem[]>(),
    history: new Map<string, HistoryEntry[]>(),
    reviews: new Map<string, Review>(),
    reports: new Map<string, Report>(),
    health: healthyStatus(),
    calls: [] as { route: string; input: unknown }[],
  };
  const find = (customerKey: string) => {
    const record = state.records.get(customerKey);
    if (!record) throw new NotFoundError(`No customer ${customerKey}`);
    return record;
  };
  const notUsed = () => {
    throw new Error('not used by experience-advisor');
  };
  const handlers = {
    ...(Object.fromEntries(Object.keys(processCustomerSyncContract.routes).map((name) => [name, notUsed])) as unknown as Handlers),
    searchCustomers: ({ query }) => {
      const items = [...state.records.values()].filter((c) => !query.q || `${c.firstName} ${c.lastName} ${c.email}`.toLowerCase().includes(query.q.toLowerCase()));
      const start = query.after ? Number(query.after) : 0;
      const page = items.slice(start, start + query.limit);
      return { status: 200, body: { items: page, nextCursor: start + query.limit < items.length ? String(start + query.limit) : null } };
    },
    getCustomer: ({ params }) => {
      const record = find(params.customerKey);
      return { status: 200, body: record, headers: { etag: `"${record.version}"` } };
    },
    getCustomerSystems: ({ params }) => {
      const record = find(params.customerKey);
      return { status: 200, body: { customerKey: record.customerKey, version: record.version, readAt: AT, systems: state.systems.get(record.customerKey) ?? [] } };
    },
    getCustomerHistory: ({ params, query }) => {
      find(params.customerKey);
      const all = state.history.get(params.customerKey) ?? [];
      const start = query.after ? Number(query.after) : 0;
      return { status: 200, body: { items: all.slice(start, start + query.limit), nextCursor: start + query.limit < all.length ? String(start + query.limit) : null } };
    },
    getSyncHealth: () => ({ status: 200, body: state.health }),
    startReconciliation: ({ body }) => {
      const started = report(String(state.reports.size + 1), body.repair);
      state.reports.set(started.id, started);
      return { status: 202, body: started };
    },
    listReconciliations: () => ({ status: 200, body: { items: [...state.reports.values()].reverse(), nextCursor: null } }),
    getReconciliation: ({ params }) => {
      const found = state.reports.get(params.id);
      if (!found) throw new NotFoundError(`No reconciliation ${params.id}`);
      return { status: 200, body: found };
    },
    listReviews: ({ query }) => ({ status: 200, body: { items: [...state.reviews.values()].filter((r) => r.status === query.status), nextCursor: null } }),
    decideReview: ({ params, body }) => {
      const review = state.reviews.get(params.id);
      if (!review) throw new NotFoundError(`No review ${params.id}`);
      const decided: Review = { ...review, status: body.decision === 'accept' ? 'accepted' : 'rejected', decidedAt: AT, decidedBy: body.decidedBy ?? null };
      state.reviews.set(params.id, decided);
      return { status: 200, body: decided };
    },
  } satisfies Handlers;
  const recorded = Object.fromEntries(
    Object.entries(handlers).map(([route, handler]) => [
      route,
      (input: { params?: unknown; query?: unknown; body?: unknown }) => {
        state.calls.push({ route, input: { params: input.params, query: input.query, body: input.body } });
        return (handler as (i: unknown) => unknown)(input);
      },
    ]),
  ) as unknown as Handlers;
  const { app } = createServiceApp({
    name: 'fake-customer-sync',
    logger: createLogger({ service: 'fake-customer-sync', silent: true }),
    routes: contractRouter(processCustomerSyncContract, recorded, { validateResponses: true }),
  });
  const server: ListeningServer = await listenOnFreePort(app);
  return { url: server.url, state, close: () => server.close() };
}

/** A match review waiting for a decision. */
export function openReview(id: string, customerKey: string): Review {
  return { id, status: 'open', candidate: { system: 'salesforce', id: '003B', data: { lastName: 'Lovelace' } }, customerKey, rule: 'name-birthdate-postcode', score: 0.8, createdAt: AT, decidedAt: null, decidedBy: null };
}
