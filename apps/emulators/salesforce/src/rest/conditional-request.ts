import type { Request } from 'express';
import { SalesforceApiError } from './salesforce-api-error';

/** `EEE, dd MMM yyyy HH:mm:ss z`, the form Salesforce documents (`Mon, 30 Nov 2020 08:34:54 MST`). */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [A-Z]{1,5}$/;

/**
 * The `If-Unmodified-Since` of a PATCH, or undefined without one. Salesforce answers an
 * invalid value on a PATCH or POST with 400 rather than ignoring it, as plain HTTP would;
 * its docs name no error code for that, so the one here is the emulator's own.
 */
export function unmodifiedSinceOf(req: Request): Date | undefined {
  const raw = req.header('if-unmodified-since');
  if (raw === undefined) return undefined;
  const at = HTTP_DATE.test(raw.trim()) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(at)) throw new SalesforceApiError(400, [{ errorCode: 'INVALID_HEADER_VALUE', message: `If-Unmodified-Since is not a date like 'Mon, 30 Nov 2020 08:34:54 GMT': ${raw}` }]);
  return new Date(at);
}
