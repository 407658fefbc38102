import type { systemCardPlatformContract } from '@strata/contracts-system-card-platform';
import type { ContractHandlers } from '@strata/service-kit';
import type { Logger } from '@strata/logging';
import type { CustomersService } from './customers.service';
import { updateBatch, versionOf } from './update-batch';

type Handlers = ContractHandlers<typeof systemCardPlatformContract>;

/** The customer routes of the contract: thin, all work in the service. */
export function customerHandlers(service: CustomersService, logger: Logger): Pick<Handlers, 'listCustomers' | 'getCustomer' | 'getCustomerByKey' | 'upsertCustomerByKey' | 'updateCustomer' | 'updateCustomers'> {
  return {
    listCustomers: async ({ query }) => ({ status: 200, body: await service.list(query) }),
    getCustomer: async ({ params }) => ({ status: 200, body: await service.getById(params.id) }),
    getCustomerByKey: async ({ params }) => ({ status: 200, body: await service.getByKey(params.customerKey) }),
    upsertCustomerByKey: async ({ params, body }) => {
      const outcome = await service.upsert(params.customerKey, body);
      return { status: outcome.created ? 201 : 200, body: outcome };
    },
    updateCustomer: async ({ params, headers, body }) => ({ status: 200, body: await service.update(params.id, body, versionOf(headers['if-match'])) }),
    updateCustomers: async ({ body, res }) => ({ status: 200, body: { results: await updateBatch(service, logger, body.items, res.locals['correlationId'] as string | undefined) } }),
  };
}
