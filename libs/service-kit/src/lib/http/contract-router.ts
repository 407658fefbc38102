import express, { Request, Response, Router } from 'express';
import {
  checkResponse,
  Contract,
  ParsedRequest,
  RouteDef,
  RouteResult,
  validateRequest,
} from '@strata/contract-kit';
import { ValidationError } from '@strata/errors';

/** What a handler gets: the validated request parts, plus express's objects for the rare header or stream. */
export type HandlerInput<R extends RouteDef> = ParsedRequest<R> & { req: Request; res: Response };

/** A handler answers with a declared status and body; errors are thrown, never written. */
export type RouteHandler<R extends RouteDef> = (input: HandlerInput<R>) => Promise<RouteResult<R>> | RouteResult<R>;

/** One handler per route of the contract: the compiler reports a missing or misspelled one. */
export type ContractHandlers<C extends Contract> = { [K in keyof C['routes']]: RouteHandler<C['routes'][K]> };

export interface ContractRouterOptions {
  /**
   * Check every response against the contract before sending it. On outside
   * production so a provider that drifts from its contract fails its own tests.
   */
  validateResponses?: boolean;
}

/**
 * Builds an express router that serves a contract: each route validates its request
 * (400 problem+json naming every bad field), calls its handler, and writes the
 * declared response. Routes stay thin because this does the HTTP work once.
 */
export function contractRouter<C extends Contract>(
  contract: C,
  handlers: ContractHandlers<C>,
  options: ContractRouterOptions = {},
): Router {
  const router = express.Router();
  const validateResponses = options.validateResponses ?? process.env['NODE_ENV'] !== 'production';
  for (const [name, route] of Object.entries(contract.routes)) {
    const handler = handlers[name as keyof C['routes']] as RouteHandler<RouteDef> | undefined;
    if (!handler) throw new Error(`contract ${contract.name}: no handler for route ${name}`);
    router[route.method](route.path, async (req: Request, res: Response) => {
      // express 5 parses the query string on every read of req.query: read it only for routes that declare one.
      const query = route.query ? req.query : undefined;
      const parsed = validateRequest(route, { params: req.params, query, headers: req.headers, body: req.body });
      if (!parsed.ok) throw new ValidationError(`Invalid request for ${name}`, parsed.fieldErrors);
      const result = await handler({ ...parsed.value, req, res });
      if (res.headersSent) return;
      if (validateResponses) assertMatchesContract(contract.name, name, route, result);
      if (result.headers) res.set(result.headers);
      res.status(result.status);
      if (result.body === undefined) res.end();
      else res.json(result.body);
    });
  }
  return router;
}

function assertMatchesContract(contractName: string, routeName: string, route: RouteDef, result: { status: number; body?: unknown }) {
  const problems = checkResponse(route, result.status, result.body);
  if (problems.length === 0) return;
  const list = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  throw new Error(`${contractName}.${routeName} answered outside its contract: ${list}`);
}
