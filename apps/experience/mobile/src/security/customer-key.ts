import type { RequestHandler, Response } from 'express';
import { customerKeySchema } from '@strata/contracts-process-customer-sync';
import { ForbiddenError } from '@strata/errors';
import { principalOf } from '@strata/edge-security';

const KEY_LIKE = /^CK-\d{6,}$/;

/**
 * The golden key of the signed-in customer, from the token claim the identity provider
 * fills (`customer_key` by default). A token without one is for no customer: 403.
 */
export function customerKeyOf(res: Response, claim: string): string {
  const value = principalOf(res).claims[claim];
  const parsed = customerKeySchema.safeParse(value);
  if (!parsed.success) throw new ForbiddenError('This sign-in is not linked to a customer');
  return parsed.data;
}

/** Every string in a query or body that looks like a golden key, and every value of a `customerKey` field. */
function keysIn(value: unknown, found: string[] = [], field = ''): string[] {
  if (typeof value === 'string') {
    if (KEY_LIKE.test(value) || /^customer_?key$/i.test(field)) found.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) keysIn(item, found, field);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) keysIn(item, found, key);
  }
  return found;
}

/**
 * A customer only ever reaches their own record: another customer's key anywhere in
 * the query or body is refused with 403 before any route runs, so no data and no
 * upstream call follow. The routes never read a key from the request anyway; this
 * makes an attempt visible instead of silently ignored.
 */
export function refuseOtherCustomersKeys(claim: string): RequestHandler {
  return (req, res, next) => {
    const own = customerKeyOf(res, claim);
    const foreign = [...keysIn(req.query), ...keysIn(req.body)].some((key) => key !== own);
    if (foreign) return next(new ForbiddenError("A customer can only read and change their own profile"));
    next();
  };
}
