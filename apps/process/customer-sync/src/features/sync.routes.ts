import { processCustomerSyncContract } from '@strata/contracts-process-customer-sync';
import { ValidationError } from '@strata/errors';
import type { Database } from '@strata/persistence';
import type { ContractHandlers } from '@strata/service-kit';
import { changeContactDetails } from '../golden/contact-change';
import type { IntakePolicy } from '../intake/apply-record';
import type { ReconciliationRuns } from '../reconciliation/reconciliation.runs';
import { getCustomer, getCustomerBySystemId, searchCustomers } from './customer-queries';
import { customerSystems, type LiveReadOptions } from './customer-systems';
import { customerHistory, customerSyncStatus } from './history-queries';
import { listDeadLetters, replay, syncHealth, type RuntimeState } from './operations-queries';
import { decideReview, listReviews } from './review-decisions';

export interface SyncRouteDeps {
  db: Database;
  policy: IntakePolicy;
  runtime: RuntimeState & { nudgeAll(): void };
  reconciliations: ReconciliationRuns;
  /** The Customer 360's live reads of each linked system. */
  liveReads: LiveReadOptions;
}

/** `"7"`, `W/"7"` or `7` → 7: the If-Match version of a golden record. */
export function versionFromEtag(etag: string): number {
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(etag.trim());
  if (!match) throw new ValidationError('Invalid If-Match', [{ path: 'headers.if-match', message: 'Expected the ETag of a customer, like "7"' }]);
  return Number(match[1]);
}

const etagOf = (version: number) => `"${version}"`;

/** The contract's routes: thin, the work is in the queries and the golden modules. */
export function syncHandlers(deps: SyncRouteDeps): ContractHandlers<typeof processCustomerSyncContract> {
  const { db } = deps;
  return {
    searchCustomers: async ({ query }) => ({ status: 200, body: await searchCustomers(db, query) }),
    getCustomer: async ({ params }) => {
      const customer = await getCustomer(db, params.customerKey);
      return { status: 200, body: customer, headers: { etag: etagOf(customer.version) } };
    },
    getCustomerBySystemId: async ({ params }) => {
      const customer = await getCustomerBySystemId(db, params.system, params.id);
      return { status: 200, body: customer, headers: { etag: etagOf(customer.version) } };
    },
    changeContactDetails: async ({ params, headers, body }) => {
      const customer = await changeContactDetails(db, params.customerKey, versionFromEtag(headers['if-match']), body);
      deps.runtime.nudgeAll();
      const statusUrl = `/v1/customers/${customer.customerKey}/sync-status`;
      return { status: 202, body: { customerKey: customer.customerKey, version: customer.version, customer, statusUrl }, headers: { etag: etagOf(customer.version), location: statusUrl } };
    },
    getCustomerHistory: async ({ params, query }) => ({ status: 200, body: await customerHistory(db, params.customerKey, query) }),
    getCustomerSystems: async ({ params }) => ({ status: 200, body: await customerSystems(db, params.customerKey, deps.liveReads) }),
    getCustomerSyncStatus: async ({ params }) => ({ status: 200, body: await customerSyncStatus(db, params.customerKey, (system) => deps.runtime.breaker(system) === 'open') }),
    listReviews: async ({ query }) => ({ status: 200, body: await listReviews(db, query) }),
    decideReview: async ({ params, body }) => ({ status: 200, body: await decideReview(db, params.id, body.decision, deps.policy, body.decidedBy ?? null) }),
    startReconciliation: async ({ body }) => ({ status: 202, body: await deps.reconciliations.start({ repair: body.repair, trigger: 'manual' }) }),
    listReconciliations: async ({ query }) => ({ status: 200, body: await deps.reconciliations.list(query) }),
    getReconciliation: async ({ params }) => ({ status: 200, body: await deps.reconciliations.get(params.id) }),
    listDeadLetters: async ({ query }) => ({ status: 200, body: await listDeadLetters(db, query) }),
    replayDeadLetter: async ({ params }) => {
      const letter = await replay(db, params.id);
      deps.runtime.nudgeAll();
      return { status: 202, body: letter };
    },
    getSyncHealth: async () => ({ status: 200, body: await syncHealth(db, deps.runtime) }),
  };
}
