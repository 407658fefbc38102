import { processCustomerSyncContract } from '@strata/contracts-process-customer-sync';
import { createContractClient, type ContractClient, type HttpClient } from '@strata/http-client';

/** The typed customer-sync client; the portal only reads `getSyncHealth` (`GET /v1/status`). */
export type CustomerSyncClient = ContractClient<(typeof processCustomerSyncContract)['routes']>;

/**
 * Built on the app's probe client, so customer-sync has one breaker in the portal, and
 * that client carries the service token (its `getServiceToken` option) that Process APIs
 * require on `/v1/*`.
 */
export function createCustomerSyncClient(client: HttpClient): CustomerSyncClient {
  return createContractClient(processCustomerSyncContract, { client });
}
