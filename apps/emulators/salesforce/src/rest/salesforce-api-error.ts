import type { ErrorRequestHandler } from 'express';
import type { SalesforceError } from '../schema/schema.types';
import { isSoqlError } from '../soql';

/**
 * An error answered the way Salesforce's REST API answers: a JSON array of
 * `{ message, errorCode, fields }`. The emulator speaks Salesforce's protocol on its
 * Salesforce surface, not problem+json, because jsforce parses this shape.
 */
export class SalesforceApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: Array<Pick<SalesforceError, 'errorCode' | 'message'> & { fields?: string[] }>,
    readonly headers: Record<string, string> = {},
    /** A body other than the error array (upsert's 300 answers a list of record URLs). */
    readonly body?: unknown,
  ) {
    super(errors.map((e) => `${e.errorCode}: ${e.message}`).join('; '));
  }
}

export const notFoundError = () => new SalesforceApiError(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);

export const invalidTypeError = (type: string) =>
  new SalesforceApiError(404, [{ errorCode: 'NOT_FOUND', message: `The requested resource does not exist: sObject type '${type}' is not supported.` }]);

/** Maps Salesforce-surface errors (including SOQL errors) to Salesforce's error array. */
export function salesforceErrorHandler(): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof SalesforceApiError) {
      res.status(error.status).set(error.headers).json(error.body ?? error.errors);
      return;
    }
    if (isSoqlError(error)) {
      res.status(400).json([{ message: error.message, errorCode: error.errorCode }]);
      return;
    }
    if ((error as { type?: string })?.type === 'entity.parse.failed') {
      res.status(400).json([{ message: 'The request body is not valid JSON', errorCode: 'JSON_PARSER_ERROR' }]);
      return;
    }
    next(error);
  };
}
