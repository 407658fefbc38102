import type { ReturnCode, UpdateRequest } from '@strata/contracts-system-loan-mainframe';
import { NotFoundError, StrataError, UpstreamError } from '@strata/errors';

/** What each mainframe return code means, for people reading a request's status. */
export const RETURN_CODES: Record<ReturnCode, string> = {
  '00': 'applied',
  '04': 'applied with a warning',
  '08': 'not found: no such loan or customer key on the mainframe',
  '12': 'rejected by the mainframe validation',
  '16': 'the mainframe failed to process the record',
};

export const BACKEND_REJECTED = 'urn:strata:problem:backend-rejected';

/**
 * A rejected request as the error its caller gets: 08 is a 404, 12 a 422
 * `backend-rejected` (the data is wrong for the mainframe), 16 a 502 (ours to fix).
 * The problem carries the return code, its meaning and the mainframe's message.
 */
export function rejectionError(request: UpdateRequest): StrataError {
  const code = request.returnCode ?? '16';
  const detail = `The loan mainframe answered return code ${code} (${RETURN_CODES[code]}): ${request.message ?? 'no message'}`;
  const details = { requestId: request.requestId, returnCode: code, returnMeaning: RETURN_CODES[code], message: request.message };
  if (code === '08') return withDetails(new NotFoundError(detail), details);
  const status = code === '12' ? 422 : 502;
  const body = { type: BACKEND_REJECTED, title: 'The loan mainframe rejected the update', detail };
  return withDetails(new UpstreamError(detail, { upstream: 'loan-mainframe', status, body }), details);
}

/** StrataError keeps `details` read-only after construction; these errors are built here only. */
function withDetails<E extends StrataError>(error: E, details: Record<string, unknown>): E {
  Object.defineProperty(error, 'details', { value: details, enumerable: true });
  return error;
}
