import { ConflictError, NotFoundError, StrataError, UpstreamError, UpstreamUnavailableError, ValidationError } from '@strata/errors';
import { UPSTREAM } from './card-platform.breaker';
import { classifySoapError } from './soap-errors';

/** Where each platform element lives in our contract, so a refused element is named the caller's way. */
const CONTRACT_PATHS: Record<string, string> = {
  FullName: 'body.lastName', DateOfBirth: 'body.birthDate', EmailAddress: 'body.email', MobileNumber: 'body.phone',
  AddrLine1: 'body.address.street', AddrLine2: 'body.address.city', AddrLine3: 'body.address.state',
  PostCode: 'body.address.postalCode', CountryCode: 'body.address.country', Status: 'body.status',
  CardProduct: 'body.cardProduct', CustomerRef: 'params.customerKey', CardholderId: 'params.id', PageSize: 'query.limit',
};

/** What the SOAP client's HTTP layer (axios) reports when a call outlived its timeout. */
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/**
 * Turns what the `soap` client threw into the error family, so the service-kit writes
 * the problem: CP-1002 -> 404, CP-1001 -> 400 naming our field, CP-1009 -> 409, other
 * client faults -> 422 passed on, server faults and no answer -> 503 with Retry-After.
 * Fault messages are the platform's own words about the data; no URLs or credentials.
 */
export function toStrataError(error: unknown, operation: string): Error {
  if (error instanceof StrataError) return error;
  const failure = classifySoapError(error);
  if (failure.kind === 'client-fault') {
    if (failure.code === 'CP-1002') return new NotFoundError(failure.message, { cause: error });
    if (failure.code === 'CP-1001') {
      const path = CONTRACT_PATHS[failure.field ?? ''] ?? 'body';
      const message = failure.message.replace(/^[A-Za-z0-9]+: /, '');
      return new ValidationError('The card platform refused the data', [{ path, message, code: failure.code }], { cause: error });
    }
    if (failure.code === 'CP-1009') return new ConflictError(failure.message, { cause: error });
    return new UpstreamError(`${operation} was refused: ${failure.code} ${failure.message}`, { upstream: UPSTREAM, status: 422, body: { code: failure.code }, cause: error });
  }
  if (failure.kind === 'server-fault') {
    return new UpstreamUnavailableError(`The card platform failed ${operation} (${failure.code})`, { upstream: UPSTREAM, reason: 'server-error', retryAfterSeconds: 5, cause: error });
  }
  if (failure.code !== undefined && TIMEOUT_CODES.has(failure.code)) {
    return new UpstreamUnavailableError(`The card platform did not answer ${operation} in time`, { upstream: UPSTREAM, reason: 'timeout', retryAfterSeconds: 2, cause: error });
  }
  const what = failure.status ? `answered HTTP ${failure.status}` : `could not be reached (${failure.code ?? 'no response'})`;
  return new UpstreamUnavailableError(`The card platform ${what} during ${operation}`, {
    upstream: UPSTREAM,
    reason: failure.status ? 'server-error' : 'connection',
    retryAfterSeconds: 5,
    cause: error,
  });
}
