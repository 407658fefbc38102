import type { experienceAdvisorContract } from '@strata/contracts-experience-advisor';
import { NotFoundError, UpstreamError } from '@strata/errors';
import type { ContractHandlers } from '@strata/service-kit';
import type { AuditTrail } from '../../audit/audit-trail';
import type { AuditStore } from '../../audit/audit.store';
import type { CustomerSyncClient } from '../../customer-sync/customer-sync.client';
import { staffIdOf } from '../../security/staff';
import { toSyncHealthView } from './sync-health.mapper';

type Handlers = ContractHandlers<typeof experienceAdvisorContract>;
type OperationRoutes = Exclude<keyof Handlers, 'searchCustomers' | 'getCustomer360' | 'getCustomerHistory'>;

/** customer-sync's 404 for a review or report, as this API's own (no upstream wording). */
async function found<T>(what: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof UpstreamError && error.upstreamStatus === 404) throw new NotFoundError(`No ${what}`, { cause: error });
    throw error;
  }
}

/**
 * Sync health, reconciliations, match reviews and the audit trail: each a customer-sync
 * call shaped for the web app. A review decision names the staff member as the decider
 * (customer-sync keeps it with the decision) and is audited before it is answered.
 */
export function operationsHandlers(customerSync: CustomerSyncClient, audit: AuditTrail, store: AuditStore): Pick<Handlers, OperationRoutes> {
  return {
    getSyncHealth: async () => ({ status: 200, body: toSyncHealthView(await customerSync.getSyncHealth()) }),
    startReconciliation: async ({ body }) => ({ status: 202, body: await customerSync.startReconciliation({ body: { repair: body.repair } }) }),
    listReconciliations: async ({ query }) => ({ status: 200, body: await customerSync.listReconciliations({ query: { after: query.cursor, limit: query.limit } }) }),
    getReconciliation: async ({ params }) => ({ status: 200, body: await found(`reconciliation ${params.id}`, () => customerSync.getReconciliation({ params })) }),
    listReviews: async ({ query }) => ({ status: 200, body: await customerSync.listReviews({ query: { status: query.status, after: query.cursor, limit: query.limit } }) }),
    decideReview: async ({ params, body, res }) => {
      const review = await found(`review ${params.id}`, () => customerSync.decideReview({ params, body: { ...body, decidedBy: staffIdOf(res) } }));
      await audit.record(res, 'review-decided', review.customerKey);
      return { status: 200, body: review };
    },
    listAuditEvents: async ({ query }) => ({ status: 200, body: await store.list(query) }),
  };
}
