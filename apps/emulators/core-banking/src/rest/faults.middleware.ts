import type { RequestHandler } from 'express';
import type { FaultSwitches } from '../admin/fault-switches';
import { bankErrors, sendBankError } from './bank-error';

/** Applies the switched-on faults to one bank request before it reaches the routes. */
export function faultsMiddleware(faults: FaultSwitches): RequestHandler {
  return async (_req, res, next) => {
    const { latencyMs } = faults.settings;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (faults.settings.down) return sendBankError(res, bankErrors.unavailable());
    if (faults.takeError()) return sendBankError(res, bankErrors.internal());
    next();
  };
}
