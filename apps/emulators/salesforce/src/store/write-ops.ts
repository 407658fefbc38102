import type { SalesforceError } from '../schema/schema.types';

/** One write a REST call asks for; collections send up to 200 of them at once. */
export type WriteOp =
  | { kind: 'create'; objectName: string; input: unknown }
  | {
      kind: 'update';
      objectName: string;
      id: string;
      input: unknown;
      /** `If-Unmodified-Since`: refuse (412) when the record was saved in a later second than this. */
      unmodifiedSince?: Date;
    }
  | { kind: 'upsert'; objectName: string; field: string; value: string; input: unknown }
  | { kind: 'delete'; objectName: string; id: string };

/**
 * What happened to one op. `status` follows the REST API: 201 created, 200 updated by
 * upsert, 204 updated or deleted, 300 several records match an upsert key, 400/404 errors,
 * 412 a conditional update whose record changed after the caller's time.
 */
export type WriteResult =
  | { ok: true; id: string; created: boolean; status: 200 | 201 | 204 }
  | { ok: false; status: 300 | 400 | 404 | 412; errors: SalesforceError[]; matches?: string[]; id?: string };

/** Thrown inside a transaction to roll it back, carrying the op's failure. */
export class WriteRejected extends Error {
  constructor(readonly result: Extract<WriteResult, { ok: false }>) {
    super(result.errors.map((e) => e.message).join('; '));
  }
}

export const notFound = (id?: string): Extract<WriteResult, { ok: false }> => ({
  ok: false,
  status: 404,
  id,
  errors: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] }],
});

export const invalidType = (objectName: string): Extract<WriteResult, { ok: false }> => ({
  ok: false,
  status: 404,
  errors: [{ errorCode: 'NOT_FOUND', message: `The requested resource does not exist: sObject type '${objectName}' is not supported.`, fields: [] }],
});

/**
 * Salesforce documents the 412 of a failed `If-Unmodified-Since` but not its body; this
 * is its usual error array, with the code jsforce then reports as `errorCode`.
 */
export const modifiedSince = (id: string, since: Date): Extract<WriteResult, { ok: false }> => ({
  ok: false,
  status: 412,
  id,
  errors: [{ errorCode: 'PRECONDITION_FAILED', message: `The record ${id} was modified after ${since.toUTCString()} (If-Unmodified-Since)`, fields: [] }],
});
