import type { LoanBatchUpdateOutcome, UpdateRequest } from '@strata/contracts-system-loan-mainframe';
import { toProblem } from '@strata/service-kit';
import { rejectionError } from '../requests/return-codes';

/**
 * One item of a batch answer, as `PUT /v1/customers/:id` would have answered that
 * update: 200 applied, 202 still pending, or its rejection's status and problem, so a
 * caller handles an item exactly as it would the single call.
 */
export function batchOutcome(id: string, request: UpdateRequest, correlationId: string | undefined): LoanBatchUpdateOutcome {
  if (request.status === 'applied') return { id, status: 200, request };
  if (request.status === 'pending') return { id, status: 202, request };
  const problem = toProblem(rejectionError(request), { instance: `/v1/customers/${id}`, correlationId, exposeInternals: false });
  return { id, status: problem.status, request, problem: problem.body };
}
