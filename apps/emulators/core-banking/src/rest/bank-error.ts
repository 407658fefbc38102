import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from '@strata/logging';
import { PartyWriteError } from '../store/party.store';

/**
 * An error in the bank's own format, `{ errorCode: 'CB-404', errorText }`: the format
 * the System API must translate, so the emulator never answers problem+json here.
 */
export class BankError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

export const bankErrors = {
  badRequest: (text: string) => new BankError(400, 'CB-400', text),
  notFound: (text: string) => new BankError(404, 'CB-404', text),
  conflict: (text: string) => new BankError(409, 'CB-409', text),
  stale: (text: string) => new BankError(412, 'CB-412', text),
  ifMatchRequired: () => new BankError(428, 'CB-428', 'If-Match with the party ETag is required to change a party'),
  unavailable: () => new BankError(503, 'CB-503', 'Core banking is unavailable (maintenance window)'),
  internal: () => new BankError(500, 'CB-500', 'Internal processing error'),
};

export function sendBankError(res: Response, error: BankError): void {
  res.status(error.status).json({ errorCode: error.errorCode, errorText: error.message });
}

/** The last handler of the bank surface: every failure in the bank's format. */
export function bankErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    if (error instanceof PartyWriteError) {
      const mapped = { 'not-found': bankErrors.notFound, stale: bankErrors.stale, 'duplicate-ref': bankErrors.conflict }[error.kind](error.message);
      return sendBankError(res, mapped);
    }
    if (error instanceof BankError) return sendBankError(res, error);
    if ((error as { type?: string }).type === 'entity.parse.failed') return sendBankError(res, bankErrors.badRequest('Body is not valid JSON'));
    logger.error('core banking emulator failed', { error });
    return sendBankError(res, bankErrors.internal());
  };
}
