/**
 * The error family every Strata app throws. Domain code says *what* went wrong by
 * picking a class; only the service-kit error middleware decides the HTTP status and
 * writes problem+json, so no feature ever hand-writes an error response.
 *
 * Modelled on Backstage's errors: empty subclasses of one base that sets `name` (so
 * errors survive `instanceof` across bundles by name) and keeps `cause`.
 */
export class StrataError extends Error {
  /** Extra, safe-to-show facts for the problem document (never secrets). */
  readonly details?: Record<string, unknown>;

  constructor(message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.details = options.details;
  }
}

/** One invalid input field: `path` is dotted (`body.address.postalCode`). */
export interface FieldError {
  path: string;
  message: string;
  code?: string;
}

/** The request is malformed; `fieldErrors` names every bad field at once. */
export class ValidationError extends StrataError {
  readonly fieldErrors: FieldError[];

  constructor(message: string, fieldErrors: FieldError[] = [], options: { cause?: unknown } = {}) {
    super(message, options);
    this.fieldErrors = fieldErrors;
  }
}

/** The addressed resource does not exist (or the caller may not know it does). */
export class NotFoundError extends StrataError {}

/** The request conflicts with current state (duplicate key, wrong state transition). */
export class ConflictError extends StrataError {}

/** No valid credential was presented. */
export class UnauthorizedError extends StrataError {}

/** A valid credential that lacks the right to do this. */
export class ForbiddenError extends StrataError {}

/** An `If-Match` (or similar) precondition no longer holds: re-read and retry. */
export class PreconditionFailedError extends StrataError {}

/** A conditional write came without its precondition (`If-Match`): read first, then send the version. */
export class PreconditionRequiredError extends StrataError {}

/** The caller is over a limit; `retryAfterSeconds` tells it when to come back. */
export class TooManyRequestsError extends StrataError {
  readonly retryAfterSeconds?: number;

  constructor(message: string, options: { retryAfterSeconds?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** This instance cannot serve right now (shutting down, starting up); another may. */
export class ServiceUnavailableError extends StrataError {
  readonly retryAfterSeconds?: number;

  constructor(message: string, options: { retryAfterSeconds?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * The caller said (with its deadline header) that it has already stopped waiting, so
 * the request is refused before any work starts: an answer nobody reads is pure load,
 * and under overload it is the load that keeps a service from recovering.
 */
export class DeadlineExceededError extends StrataError {}
