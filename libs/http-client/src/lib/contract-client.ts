import { checkResponse, validateRequest } from '@strata/contract-kit';
import type { ClientBody, ClientRequest, ClientResponse, Contract, RouteDef } from '@strata/contract-kit';
import { ValidationError, type FieldError } from '@strata/errors';
import type { HttpClientOptions } from './client-options';
import { createHttpClient, type HttpClient } from './http-client';
import { buildPath, type Query } from './url-builder';

/** A method's arguments: the request may be omitted when none of its parts is required. */
type Args<R extends RouteDef> = object extends ClientRequest<R> ? [request?: ClientRequest<R>] : [request: ClientRequest<R>];

/**
 * One typed method per route of the contract, resolving with the success body, plus
 * `$response` (status, body and headers, for routes whose callers need the status or
 * an ETag) and `$client` (snapshot, shutdown).
 */
export type ContractClient<Routes extends Record<string, RouteDef>> = {
  readonly [K in keyof Routes]: (...args: Args<Routes[K]>) => Promise<ClientBody<Routes[K]>>;
} & {
  readonly $response: { readonly [K in keyof Routes]: (...args: Args<Routes[K]>) => Promise<ClientResponse<Routes[K]>> };
  readonly $client: HttpClient;
};

/** Build the typed client on an existing client, or let it create one (named after the contract unless told). */
export type ContractClientOptions = { client: HttpClient } | (Omit<HttpClientOptions, 'name'> & { name?: string });

/**
 * The provider answered something its contract does not allow. Thrown (when
 * `validateResponses` is on) so contract drift fails loudly in development and tests
 * instead of surfacing later as an undefined field deep in a consumer.
 */
export class ContractViolationError extends Error {
  readonly route: string;
  readonly status: number;
  readonly fieldErrors: FieldError[];

  constructor(route: string, status: number, fieldErrors: FieldError[]) {
    const fields = fieldErrors.map((e) => `${e.path}: ${e.message}`).join('; ');
    super(`${route}: the provider broke the contract (status ${status}): ${fields}`);
    this.name = 'ContractViolationError';
    this.route = route;
    this.status = status;
    this.fieldErrors = fieldErrors;
  }
}

interface RawCall {
  params?: Record<string, unknown>;
  query?: Query;
  headers?: Record<string, string | undefined>;
  body?: unknown;
}

const RESERVED = new Set(['$response', '$client']);

function routeCaller(contractName: string, routeName: string, route: RouteDef, client: HttpClient) {
  const label = `${contractName}.${routeName} (${route.method.toUpperCase()} ${route.path})`;
  const declared = (status: number) => status in route.responses;
  const accept = (status: number) => (status >= 200 && status < 300) || (status >= 300 && status < 400 && declared(status));
  return async (call: RawCall = {}) => {
    const check = validateRequest(route, call);
    if (!check.ok) throw new ValidationError(`${label}: invalid request`, check.fieldErrors);
    const response = await client.request({
      method: route.method,
      path: buildPath(route.path, call.params),
      query: call.query,
      headers: call.headers,
      body: call.body,
      idempotent: route.idempotent,
      acceptStatus: accept,
    });
    if (client.validateResponses) {
      const problems = checkResponse(route, response.status, response.body);
      if (problems.length > 0) throw new ContractViolationError(label, response.status, problems);
    }
    return response;
  };
}

/**
 * Turns a contract's route table into a typed client: path params URL-encoded into the
 * path, query serialized (undefined skipped, arrays repeated), headers and JSON body
 * sent; the request is validated before anything goes out (a `ValidationError` naming
 * every bad field), and the response checked against the contract when
 * `validateResponses` is on. Errors follow the http-client mapping. Consumers import
 * the provider's contract and this, never the provider.
 */
export function createContractClient<Routes extends Record<string, RouteDef>>(
  contract: Contract<Routes>,
  options: ContractClientOptions,
): ContractClient<Routes> {
  const client = 'client' in options ? options.client : createHttpClient({ ...options, name: options.name ?? contract.name });
  const bodies: Record<string, (call?: RawCall) => Promise<unknown>> = {};
  const responses: Record<string, (call?: RawCall) => Promise<unknown>> = {};
  for (const [name, route] of Object.entries(contract.routes)) {
    if (RESERVED.has(name)) throw new Error(`contract ${contract.name}: route name ${name} is reserved by the client`);
    const call = routeCaller(contract.name, name, route, client);
    responses[name] = call;
    bodies[name] = async (request) => (await call(request)).body;
  }
  return { ...bodies, $response: responses, $client: client } as unknown as ContractClient<Routes>;
}
