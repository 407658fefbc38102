import type { experienceAdvisorContract } from '@strata/contracts-experience-advisor';
import type { ContractHandlers } from '@strata/service-kit';
import type { AuditTrail } from '../../audit/audit-trail';
import type { CustomersService } from './customers.service';

type Handlers = ContractHandlers<typeof experienceAdvisorContract>;

/** Search, the 360 and the history; a view of one customer is audited before it is answered. */
export function customersHandlers(customers: CustomersService, audit: AuditTrail): Pick<Handlers, 'searchCustomers' | 'getCustomer360' | 'getCustomerHistory'> {
  return {
    searchCustomers: async ({ query }) => ({ status: 200, body: await customers.search(query), headers: { 'cache-control': 'private, no-store' } }),
    getCustomer360: async ({ params, res }) => {
      const view = await customers.view360(params.customerKey);
      await audit.record(res, 'customer-360-viewed', params.customerKey);
      return { status: 200, body: view, headers: { etag: `"${view.customer.version}"`, 'cache-control': 'private, no-store' } };
    },
    getCustomerHistory: async ({ params, query, res }) => {
      const page = await customers.history(params.customerKey, query);
      await audit.record(res, 'history-read', params.customerKey);
      return { status: 200, body: page, headers: { 'cache-control': 'private, no-store' } };
    },
  };
}
