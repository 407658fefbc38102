import { pathParamNames } from '@strata/contract-kit';

/** A query value as callers pass it; arrays repeat the key, undefined and null are left out. */
export type QueryValue = string | number | boolean | Date | null | undefined | ReadonlyArray<string | number | boolean | Date>;

/** Query parameters of a call. */
export type Query = Readonly<Record<string, QueryValue>>;

function text(value: string | number | boolean | Date): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/**
 * `?a=1&tag=x&tag=y` from a query object: undefined/null skipped (so optional filters
 * can be passed through unconditionally), arrays repeated (what express and most
 * frameworks parse back into arrays), everything percent-encoded. Empty when nothing is left.
 */
export function buildQueryString(query: Query | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value as ReadonlyArray<string | number | boolean | Date>) search.append(key, text(item));
    else search.append(key, text(value as string | number | boolean | Date));
  }
  const result = search.toString();
  return result ? `?${result}` : '';
}

/**
 * Fills an express-style path (`/v1/customers/:id`) with URL-encoded values, so an id
 * containing `/` or `?` cannot change which resource is addressed. A missing value is
 * a programmer error and throws.
 */
export function buildPath(template: string, params: Readonly<Record<string, unknown>> | undefined): string {
  let path = template;
  for (const name of pathParamNames(template)) {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') throw new Error(`path parameter "${name}" is missing for ${template}`);
    const encoded = encodeURIComponent(String(value));
    path = path.replace(new RegExp(`:${name}(?![A-Za-z0-9_])`), () => encoded);
  }
  return path;
}
