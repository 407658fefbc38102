import type { FieldError } from '@strata/errors';
import type { z } from 'zod';
import type { RouteDef } from './route';
import type { ParsedRequest } from './route-types';

/** The raw parts of an incoming request, as a framework hands them over. */
export interface RawRequestParts {
  params?: unknown;
  query?: unknown;
  headers?: unknown;
  body?: unknown;
}

export type RequestValidation<R extends RouteDef> =
  | { ok: true; value: ParsedRequest<R> }
  | { ok: false; fieldErrors: FieldError[] };

const PARTS = ['params', 'query', 'headers', 'body'] as const;

/** Turns zod issues into field errors prefixed with where in the request they are. */
export function toFieldErrors(location: string, issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
    code: issue.code,
  }));
}

/**
 * Validates every part of a request against its route and reports all problems at
 * once, so a consumer fixes its request in one round trip instead of one per field.
 */
export function validateRequest<R extends RouteDef>(route: R, raw: RawRequestParts): RequestValidation<R> {
  const value: Record<string, unknown> = {};
  const fieldErrors: FieldError[] = [];
  for (const part of PARTS) {
    const schema = route[part];
    if (!schema) {
      value[part] = part === 'body' ? undefined : {};
      continue;
    }
    const input = part === 'body' && raw.body === undefined ? undefined : (raw[part] ?? {});
    const result = schema.safeParse(input);
    if (result.success) value[part] = result.data;
    else fieldErrors.push(...toFieldErrors(part, result.error.issues));
  }
  return fieldErrors.length ? { ok: false, fieldErrors } : { ok: true, value: value as unknown as ParsedRequest<R> };
}

/**
 * Checks a response against the route's declared schema for its status. Returns the
 * problems (empty when valid) so callers decide whether that is a test failure, a
 * logged warning, or an error.
 */
export function checkResponse(route: RouteDef, status: number, body: unknown): FieldError[] {
  if (!(status in route.responses)) {
    return [{ path: 'status', message: `status ${status} is not declared for ${route.method.toUpperCase()} ${route.path}` }];
  }
  const schema = route.responses[status];
  if (!schema) return [];
  const result = schema.safeParse(body);
  return result.success ? [] : toFieldErrors('response', result.error.issues);
}
