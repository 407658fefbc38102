import { z } from 'zod';

/** One invalid field, named by its dotted path (`body.address.postalCode`). */
export const fieldErrorSchema = z
  .object({
    path: z.string(),
    message: z.string(),
    code: z.string().optional(),
  })
  .meta({ id: 'FieldError' });

/**
 * RFC 9457 problem details, the body of every Strata error response. `correlationId`
 * lets a consumer quote one value to support; `errors` names each bad field.
 */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    correlationId: z.string().optional(),
    errors: z.array(fieldErrorSchema).optional(),
    retryAfterSeconds: z.number().optional(),
  })
  .loose()
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;

/** Content type of every error body. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
