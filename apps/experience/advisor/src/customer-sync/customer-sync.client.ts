import { processCustomerSyncContract } from '@strata/contracts-process-customer-sync';
import { createContractClient, type ContractClient, type HttpClientOptions } from '@strata/http-client';

/** The typed customer-sync client: the only way this app reaches customers, reviews and reconciliations. */
export type CustomerSyncClient = ContractClient<(typeof processCustomerSyncContract)['routes']>;

/**
 * One breaker and timeout for customer-sync; reads retry, the review decision and the
 * reconciliation start (POST) never do. `getServiceToken` is passed through as given.
 */
export function createCustomerSyncClient(options: Omit<HttpClientOptions, 'name'>): CustomerSyncClient {
  return createContractClient(processCustomerSyncContract, { ...options, name: 'process-customer-sync' });
}
