import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One route of an API, declared once. The provider validates requests with it, the
 * OpenAPI document is generated from it, and the typed client is built from it, so
 * the three can never disagree.
 *
 * `responses` lists every status the route may answer with its body schema (`null`
 * for no body). Error statuses need no schema: every error is problem+json.
 */
export interface RouteDef {
  method: HttpMethod;
  /** Express-style path: `/v1/customers/:id`. */
  path: string;
  summary: string;
  description?: string;
  tags?: readonly string[];
  params?: z.ZodType;
  query?: z.ZodType;
  /** Request headers the route reads, lower-case names (`if-match`, `idempotency-key`). */
  headers?: z.ZodType;
  body?: z.ZodType;
  responses: Readonly<Record<number, z.ZodType | null>>;
  /**
   * True when repeating the request cannot do harm even though the method is not
   * safe (an upsert by external key). The http-client retries such routes like GETs.
   */
  idempotent?: boolean;
}

/** A contract: an API's identity plus its named routes. */
export interface Contract<R extends Record<string, RouteDef> = Record<string, RouteDef>> {
  /** Stable service name (`system-salesforce`), also the breaker and metrics label. */
  name: string;
  title: string;
  version: string;
  description?: string;
  routes: R;
}

/**
 * Declares a contract. The `const` type parameter keeps literal statuses and methods,
 * which is what lets the client and handlers be typed per route.
 */
export function defineContract<const R extends Record<string, RouteDef>>(
  meta: Omit<Contract<R>, 'routes'>,
  routes: R,
): Contract<R> {
  for (const [name, route] of Object.entries(routes)) {
    if (!route.path.startsWith('/')) throw new Error(`route ${name}: path must start with "/"`);
    if (Object.keys(route.responses).length === 0) throw new Error(`route ${name}: declare at least one response`);
  }
  return { ...meta, routes };
}

/** Statuses that carry a result rather than an error. */
export type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206 | 300 | 304;

/** `/v1/customers/:id` → `['id']`; used to build URLs and OpenAPI parameters. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);
}
