import type { Connection } from 'jsforce';
import type { CustomerInput } from '@strata/contracts-system-salesforce';
import { toContactFields } from '../../salesforce/contact.mapper';
import { withLockRetry } from '../../salesforce/lock-retry';

/** Salesforce's sObject Collections take at most 200 records per call. */
export const COLLECTION_SIZE = 200;

export interface BulkItem {
  customerKey: string;
  customer: CustomerInput;
}

interface CollectionResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors?: { statusCode?: string; errorCode?: string; message: string; fields?: string[] }[];
}

/** Runs one call to the org under the service's guards (allowance pause, breaker and its deadline). */
export type GuardedCall = <T>(call: () => Promise<T>) => Promise<T>;

/**
 * Upserts many customers by golden key as Collections of 200 (allOrNone false): one
 * API call per 200 records instead of one per record, which is what keeps an initial
 * load inside an org's daily allowance. Each item's outcome is reported on its own.
 * Each collection call runs under `guard`, like every other call of the service, so
 * a paused allowance or an open breaker stops a bulk load too. A failure of a whole
 * call is thrown as the org gave it; the service translates it.
 */
export async function bulkUpsertByKey(conn: () => Connection, items: BulkItem[], guard: GuardedCall) {
  const results = [];
  let apiCalls = 0;
  for (let start = 0; start < items.length; start += COLLECTION_SIZE) {
    const chunk = items.slice(start, start + COLLECTION_SIZE);
    const records = chunk.map((item) => ({ ...toContactFields(item.customer), Customer_Key__c: item.customerKey }));
    const answer = (await guard(() =>
      withLockRetry(() => {
        apiCalls += 1;
        return conn().sobject('Contact').upsert(records, 'Customer_Key__c', { allOrNone: false });
      }),
    )) as unknown as CollectionResult[];
    results.push(...chunk.map((item, index) => toItemResult(item.customerKey, answer[index])));
  }
  return { results, apiCalls };
}

function toItemResult(customerKey: string, result: CollectionResult | undefined) {
  if (result?.success) return { customerKey, ok: true, id: result.id ?? null, created: result.created ?? null, error: null };
  const error = result?.errors?.[0];
  return {
    customerKey,
    ok: false,
    id: null,
    created: null,
    error: { code: error?.statusCode ?? error?.errorCode ?? 'UNKNOWN', message: error?.message ?? 'No result from Salesforce', fields: error?.fields ?? [] },
  };
}
