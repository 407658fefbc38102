import { systemSalesforceContract } from '@strata/contracts-system-salesforce';
import type { ContractHandlers } from '@strata/service-kit';
import { EXTERNAL_ID_FIELD } from '../../salesforce/contact.mapper';
import { versionOfIfMatch } from '../../salesforce/contact-version';
import { CustomersService } from './customers.service';
import { updateBatch, type UpdateBatchDeps } from './update-batch';

type Handlers = ContractHandlers<typeof systemSalesforceContract>;

/** The customer routes of the contract: thin, all work in the service. */
export function customerHandlers(service: CustomersService, logger: UpdateBatchDeps['logger']): Omit<Handlers, 'listChanges'> {
  return {
    listCustomers: async ({ query }) => ({ status: 200, body: await service.list(query) }),
    getCustomer: async ({ params }) => ({ status: 200, body: await service.getById(params.id) }),
    getCustomerByKey: async ({ params }) => ({ status: 200, body: await service.getByKey(params.customerKey) }),
    getCustomerByExternalId: async ({ params }) => ({ status: 200, body: await service.getByExternalId(params.system, params.externalId) }),
    upsertCustomerByKey: async ({ params, body }) => {
      const outcome = await service.upsert('Customer_Key__c', params.customerKey, body);
      return { status: outcome.created ? 201 : 200, body: outcome };
    },
    upsertCustomerByExternalId: async ({ params, body }) => {
      const outcome = await service.upsert(EXTERNAL_ID_FIELD[params.system], params.externalId, body);
      return { status: outcome.created ? 201 : 200, body: outcome };
    },
    updateCustomer: async ({ params, headers, body }) => {
      const { customerKey, ...input } = body;
      const expected = headers['if-match'] === undefined ? undefined : versionOfIfMatch(headers['if-match']);
      return { status: 200, body: await service.update(params.id, input, customerKey, expected) };
    },
    updateCustomers: async ({ body, res }) => ({
      status: 200,
      body: { results: await updateBatch({ customers: service, logger }, body.items, res.locals['correlationId'] as string | undefined) },
    }),
    bulkUpsertCustomers: async ({ body }) => ({ status: 200, body: await service.bulkUpsert(body.items) }),
    deleteCustomer: async ({ params }) => {
      await service.remove(params.id);
      return { status: 204 };
    },
  };
}
