import { ConflictError, NotFoundError, PreconditionFailedError, StrataError, TooManyRequestsError, UpstreamError, UpstreamUnavailableError, ValidationError } from '@strata/errors';
import { CUSTOMER_FIELD_OF } from './contact.mapper';

/** What jsforce throws for an API error (it copies Salesforce's `errorCode` and `fields`). */
export interface SalesforceFailure {
  errorCode?: string;
  name?: string;
  message?: string;
  fields?: string[];
  code?: string;
}

const VALIDATION_CODES = new Set([
  'REQUIRED_FIELD_MISSING', 'INVALID_EMAIL_ADDRESS', 'STRING_TOO_LONG', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  'INVALID_TYPE_ON_FIELD_IN_RECORD', 'FIELD_INTEGRITY_EXCEPTION', 'MALFORMED_ID', 'INVALID_FIELD', 'NUMBER_OUTSIDE_VALID_RANGE',
  'JSON_PARSER_ERROR', 'INVALID_CROSS_REFERENCE_KEY',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** The code Salesforce gave, or a network code. */
export function failureCode(error: unknown): string {
  const failure = error as SalesforceFailure;
  return failure?.errorCode ?? failure?.code ?? failure?.name ?? 'UNKNOWN';
}

/**
 * A conditional update (`If-Unmodified-Since`) the org refused because the record was
 * saved after that time. Salesforce documents the 412 but not its body: jsforce names
 * an error array's code, or `ERROR_HTTP_412` when the body has none.
 */
export const PRECONDITION_CODES: ReadonlySet<string> = new Set(['PRECONDITION_FAILED', 'ERROR_HTTP_412']);

/** UNABLE_TO_LOCK_ROW is Salesforce's "try again": another transaction holds the record. */
export const isLockContention = (error: unknown) => failureCode(error) === 'UNABLE_TO_LOCK_ROW';

/** The org refused the call because its daily API allowance is spent: the org is healthy, the quota is not. */
export const isAllowanceSpent = (error: unknown) => failureCode(error) === 'REQUEST_LIMIT_EXCEEDED';

/** Seconds a caller is told to wait after REQUEST_LIMIT_EXCEEDED when nothing better is known. */
export const DEFAULT_ALLOWANCE_RETRY_AFTER_SECONDS = 300;

/**
 * Turns a Salesforce failure into the error family, in the caller's terms: field
 * errors name contract fields (`body.email`), never Salesforce API names, and a spent
 * API allowance is a 429 with Retry-After rather than a mystery 403. A 429, not a 503:
 * the org is up and the request is fine, only the quota is spent, so callers wait as
 * told without counting it as an outage or a failed attempt.
 */
export function translateSalesforceError(error: unknown, options: { allowanceRetryAfterSeconds?: number } = {}): StrataError {
  if (error instanceof StrataError) return error;
  const failure = error as SalesforceFailure;
  const code = failureCode(error);
  const message = failure?.message ?? String(error);
  if (code === 'NOT_FOUND' || code === 'ENTITY_IS_DELETED') return new NotFoundError('No such customer in Salesforce');
  if (PRECONDITION_CODES.has(code)) return new PreconditionFailedError('The contact was saved in Salesforce after the version given in If-Match: read its change first');
  if (code === 'DUPLICATE_VALUE') return new ConflictError(`Salesforce refused a duplicate: ${message}`);
  if (code === 'MULTIPLE_CHOICES' || code === 'MULTIPLE_RECORDS') return new ConflictError('Several Salesforce records share this key');
  if (VALIDATION_CODES.has(code)) {
    const fields = (failure.fields?.length ? failure.fields : ['']).map((f) => `body.${CUSTOMER_FIELD_OF[f] ?? (f || 'customer')}`);
    return new ValidationError(`Salesforce rejected the customer: ${message}`, fields.map((path) => ({ path, message, code })));
  }
  if (isAllowanceSpent(error)) {
    const retryAfterSeconds = options.allowanceRetryAfterSeconds ?? DEFAULT_ALLOWANCE_RETRY_AFTER_SECONDS;
    return new TooManyRequestsError('The Salesforce org has used up its daily API allowance', { retryAfterSeconds, cause: error });
  }
  if (code === 'UNABLE_TO_LOCK_ROW' || code === 'SERVER_UNAVAILABLE' || NETWORK_CODES.has(code) || /^5\d\d$/.test(code)) {
    return new UpstreamUnavailableError(`Salesforce is unavailable (${code})`, { upstream: 'salesforce', reason: NETWORK_CODES.has(code) ? 'connection' : 'server-error', retryAfterSeconds: 2, cause: error });
  }
  return new UpstreamError(`Salesforce answered ${code}: ${message}`, { upstream: 'salesforce', status: 502, body: { code, message }, cause: error });
}
