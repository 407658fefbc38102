import type { Connection } from 'jsforce';
import { unmodifiedSinceOf } from './contact-version';

/**
 * Updates a record only if the org has not saved it since the second `version` was
 * saved in: sObject Rows PATCH with `If-Unmodified-Since`, which Salesforce checks and
 * applies as one step (412 PRECONDITION_FAILED otherwise, nothing written). jsforce's
 * `sobject().update()` sends no conditional headers, hence the raw request; it still
 * carries the session, `Sforce-Call-Options` and the refresh on 401.
 */
export async function updateIfUnmodified(conn: Connection, sobject: string, id: string, fields: Record<string, unknown>, version: string): Promise<void> {
  await conn.request({
    method: 'PATCH',
    url: `/sobjects/${sobject}/${encodeURIComponent(id)}`,
    body: JSON.stringify(fields),
    headers: { 'content-type': 'application/json', 'if-unmodified-since': unmodifiedSinceOf(version) },
  });
}
