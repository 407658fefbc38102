import { PROBLEM_CONTENT_TYPE, Problem } from '@strata/contract-kit';
import {
  ServiceUnavailableError,
  StrataError,
  TooManyRequestsError,
  UpstreamError,
  UpstreamUnavailableError,
  ValidationError,
} from '@strata/errors';

/** Base of every problem `type`; each is explained in docs/problems.md. */
export const PROBLEM_TYPE_BASE = 'urn:strata:problem:';

interface ProblemKind {
  status: number;
  slug: string;
  title: string;
}

/** The one place where error classes meet HTTP statuses. */
const KINDS: Record<string, ProblemKind> = {
  ValidationError: { status: 400, slug: 'validation-error', title: 'The request is not valid' },
  UnauthorizedError: { status: 401, slug: 'unauthorized', title: 'Authentication is required' },
  ForbiddenError: { status: 403, slug: 'forbidden', title: 'Not allowed' },
  NotFoundError: { status: 404, slug: 'not-found', title: 'Not found' },
  ConflictError: { status: 409, slug: 'conflict', title: 'Conflict with the current state' },
  PreconditionFailedError: { status: 412, slug: 'precondition-failed', title: 'The resource has changed' },
  PreconditionRequiredError: { status: 428, slug: 'precondition-required', title: 'A precondition is required' },
  TooManyRequestsError: { status: 429, slug: 'too-many-requests', title: 'Too many requests' },
  ServiceUnavailableError: { status: 503, slug: 'service-unavailable', title: 'The service is unavailable' },
  DeadlineExceededError: { status: 504, slug: 'deadline-exceeded', title: 'The caller has stopped waiting' },
  UpstreamError: { status: 502, slug: 'upstream-error', title: 'An upstream service rejected the request' },
  UpstreamUnavailableError: { status: 503, slug: 'upstream-unavailable', title: 'An upstream service is unavailable' },
};

const INTERNAL: ProblemKind = { status: 500, slug: 'internal-error', title: 'Internal server error' };

export interface ProblemResponse {
  status: number;
  body: Problem;
  headers: Record<string, string>;
  /** True for failures of this service (5xx it caused), which are the ones worth logging with a stack. */
  isServerFault: boolean;
}

/**
 * Maps any thrown value to an RFC 9457 problem. Known errors keep their message as
 * `detail`; unknown ones never reveal theirs (nor a stack) unless `exposeInternals`.
 */
export function toProblem(error: unknown, context: { instance: string; correlationId?: string; exposeInternals: boolean }): ProblemResponse {
  const known = error instanceof StrataError ? KINDS[error.name] : undefined;
  const kind = known ?? INTERNAL;
  let status = kind.status;
  const headers: Record<string, string> = { 'content-type': PROBLEM_CONTENT_TYPE };
  const body: Problem = {
    type: PROBLEM_TYPE_BASE + kind.slug,
    title: kind.title,
    status,
    detail: known ? (error as Error).message : 'An unexpected error occurred.',
    instance: context.instance,
    correlationId: context.correlationId,
  };
  if (error instanceof ValidationError) body.errors = error.fieldErrors;
  if (error instanceof StrataError && known && error.details) Object.assign(body, { details: error.details });
  if (error instanceof TooManyRequestsError || error instanceof UpstreamUnavailableError || error instanceof ServiceUnavailableError) {
    const seconds = Math.max(1, Math.ceil(error.retryAfterSeconds ?? 1));
    headers['retry-after'] = String(seconds);
    body.retryAfterSeconds = seconds;
  }
  if (error instanceof UpstreamUnavailableError) {
    body['upstream'] = error.upstream;
    body['reason'] = error.reason;
    if (error.reason === 'timeout') status = 504;
  }
  if (error instanceof UpstreamError) status = upstreamPassThrough(error, body);
  if (!known && context.exposeInternals && error instanceof Error) {
    body['debug'] = { name: error.name, message: error.message, stack: error.stack };
  }
  body.status = status;
  return { status, body, headers, isServerFault: !known };
}

/**
 * A 4xx from an upstream is usually about data the consumer sent (a conflict, a
 * missing record), so its status and field errors are passed on. Credential problems
 * (401/403) and upstream 5xx are this platform's fault, so they stay 502.
 */
function upstreamPassThrough(error: UpstreamError, body: Problem): number {
  body['upstream'] = error.upstream;
  const upstreamProblem = error.upstreamBody as Partial<Problem> | undefined;
  const status = error.upstreamStatus;
  const passThrough = status >= 400 && status < 500 && status !== 401 && status !== 403;
  if (!passThrough) return 502;
  if (upstreamProblem?.title) body.title = upstreamProblem.title;
  if (upstreamProblem?.detail) body.detail = upstreamProblem.detail;
  if (upstreamProblem?.type) body.type = upstreamProblem.type;
  if (Array.isArray(upstreamProblem?.errors)) body.errors = upstreamProblem.errors;
  return status;
}
