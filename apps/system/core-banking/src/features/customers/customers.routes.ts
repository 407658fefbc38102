import type { systemCoreBankingContract } from '@strata/contracts-system-core-banking';
import type { ContractHandlers } from '@strata/service-kit';
import type { CustomersService } from './customers.service';
import { updateBatch } from './update-batch';
import { updateById, upsertByKey, type UpsertDeps } from './upsert-by-key';

type Handlers = ContractHandlers<typeof systemCoreBankingContract>;

/** The customer routes of the contract: thin, all work in the service and the upsert. */
export function customerHandlers(customers: CustomersService, upsert: UpsertDeps): Pick<Handlers, 'listCustomers' | 'getCustomer' | 'getCustomerByKey' | 'upsertCustomerByKey' | 'updateCustomer' | 'updateCustomers'> {
  return {
    listCustomers: async ({ query }) => ({ status: 200, body: await customers.list(query) }),
    getCustomer: async ({ params }) => ({ status: 200, body: await customers.getById(params.id) }),
    getCustomerByKey: async ({ params }) => ({ status: 200, body: await customers.getByKey(params.customerKey) }),
    upsertCustomerByKey: async ({ params, body }) => {
      const result = await upsertByKey(upsert, params.customerKey, body);
      return { status: result.created ? 201 : 200, body: result };
    },
    updateCustomer: async ({ params, headers, body }) => {
      const expected = headers['if-match'] === undefined ? undefined : Number(headers['if-match'].replace(/\D/g, ''));
      return { status: 200, body: await updateById(upsert, params.id, body, expected) };
    },
    updateCustomers: async ({ body, res }) => ({ status: 200, body: { results: await updateBatch(upsert, body.items, res.locals['correlationId'] as string | undefined) } }),
  };
}
