import { TooManyRequestsError, UpstreamUnavailableError, ValidationError } from '@strata/errors';
import { translateSalesforceError } from './salesforce-errors';

describe('Salesforce failures in the caller\'s terms', () => {
  it('a spent daily allowance is a 429 that says when to come back, not a 403 or an outage', () => {
    const error = translateSalesforceError({ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }, { allowanceRetryAfterSeconds: 42 });
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).retryAfterSeconds).toBe(42);
  });

  it('without a known pause, the allowance error asks for 5 minutes', () => {
    const error = translateSalesforceError({ errorCode: 'REQUEST_LIMIT_EXCEEDED' }) as TooManyRequestsError;
    expect(error.retryAfterSeconds).toBe(300);
  });

  it('a lock still held after the retries is a short outage, retried by the caller', () => {
    const error = translateSalesforceError({ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access' });
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect((error as UpstreamUnavailableError).retryAfterSeconds).toBe(2);
  });

  it('a validation code names the contract field', () => {
    const error = translateSalesforceError({ errorCode: 'INVALID_EMAIL_ADDRESS', message: 'bad', fields: ['Email'] }) as ValidationError;
    expect(error.fieldErrors.map((f) => f.path)).toEqual(['body.email']);
  });
});
