import { processCustomerSyncContract } from '@strata/contracts-process-customer-sync';
import { createContractClient, type ContractClient, type HttpClientOptions } from '@strata/http-client';

/** The typed customer-sync client: the only way this app reaches the golden record. */
export type CustomerSyncClient = ContractClient<(typeof processCustomerSyncContract)['routes']>;

/** One breaker and timeout for customer-sync; reads retry, the contact change (PATCH, not idempotent) never does. */
export function createCustomerSyncClient(options: Omit<HttpClientOptions, 'name'>): CustomerSyncClient {
  return createContractClient(processCustomerSyncContract, { ...options, name: 'process-customer-sync' });
}
