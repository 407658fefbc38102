import type { SystemLoanMainframeContract } from '@strata/contracts-system-loan-mainframe';
import { NotFoundError } from '@strata/errors';
import type { ContractHandlers } from '@strata/service-kit';
import type { RequestsService } from '../requests/requests.service';
import { batchOutcome } from './batch-outcome';
import type { CustomerMirror } from './customer.mirror';

/** `Prefer: wait=5` (optionally after `respond-async`) -> 5; no header -> 0 (answer 202 at once). */
export const waitSecondsOf = (prefer: string | undefined): number => Number(/wait=(\d+)/.exec(prefer ?? '')?.[1] ?? 0);

/** Reads from the mirror of the mainframe's files; writes become request files. */
export function customerHandlers(
  mirror: CustomerMirror,
  requests: RequestsService,
): Pick<ContractHandlers<SystemLoanMainframeContract>, 'listCustomers' | 'getCustomer' | 'getCustomerByKey' | 'upsertCustomerByKey' | 'updateCustomer' | 'updateCustomers' | 'getRequest'> {
  return {
    listCustomers: async ({ query }) => ({ status: 200, body: await mirror.list(query) }),
    getCustomer: async ({ params }) => {
      const customer = await mirror.get(params.id);
      if (!customer) throw new NotFoundError(`No loan ${params.id} in the mainframe's files`);
      return { status: 200, body: customer };
    },
    getCustomerByKey: async ({ params }) => {
      const customer = await mirror.byKey(params.customerKey);
      if (!customer) throw new NotFoundError(`No loan for customer ${params.customerKey} in the mainframe's files`);
      return { status: 200, body: customer };
    },
    upsertCustomerByKey: ({ params, headers, body }) =>
      requests.submit({ loanAccount: null, customerKey: params.customerKey }, body, waitSecondsOf(headers.prefer)),
    updateCustomer: ({ params, headers, body }) => requests.submit({ loanAccount: params.id, customerKey: null }, body, waitSecondsOf(headers.prefer)),
    updateCustomers: async ({ headers, body, res }) => {
      const updates = body.items.map((item) => ({ target: { loanAccount: item.id, customerKey: null }, input: item.update }));
      const settled = await requests.submitMany(updates, waitSecondsOf(headers.prefer));
      const correlationId = res.locals['correlationId'] as string | undefined;
      return { status: 200, body: { results: settled.map((request, index) => batchOutcome(body.items[index]?.id ?? '', request, correlationId)) } };
    },
    getRequest: async ({ params }) => ({ status: 200, body: await requests.get(params.requestId) }),
  };
}
