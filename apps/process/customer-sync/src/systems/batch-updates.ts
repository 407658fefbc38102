import { errorForAnswer } from '@strata/http-client';
import type { TargetWriteOutcome } from '../propagation/target-writer';
import type { BatchedUpdate } from './system-api.adapter';

/** One item of a batch update: the record, the fields, and `ifMatch` as its single update's If-Match header would carry it. */
export function batchItem<U>({ recordId, expectedVersion }: BatchedUpdate, update: U): { id: string; update: U; ifMatch?: string } {
  return { id: recordId, update, ...(expectedVersion === null ? {} : { ifMatch: `"${expectedVersion}"` }) };
}

/** A batch answer's items as write outcomes: a 200 with the record's version after it, any other status as the error its single update would have raised. */
export function outcomesOf<R>(upstream: string, results: readonly { status: number; result?: R; problem?: unknown }[], versionOf: (result: R) => string): TargetWriteOutcome[] {
  return results.map((item) =>
    item.status === 200 && item.result !== undefined ? { ok: true, recordVersion: versionOf(item.result) } : { ok: false, error: errorForAnswer(upstream, item.status, item.problem) },
  );
}
