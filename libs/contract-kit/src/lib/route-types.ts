import type { z } from 'zod';
import type { RouteDef, SuccessStatus } from './route';

type OutputOf<S> = S extends z.ZodType ? z.output<S> : undefined;

/** A request part is required when its schema has required fields, optional otherwise. */
type Part<K extends string, S> = S extends z.ZodType
  ? object extends z.input<S>
    ? { [P in K]?: z.input<S> }
    : { [P in K]: z.input<S> }
  : { [P in K]?: never };

/** What a caller passes to a typed client method for route `R`. */
export type ClientRequest<R extends RouteDef> = Part<'params', R['params']> &
  Part<'query', R['query']> &
  Part<'headers', R['headers']> &
  Part<'body', R['body']>;

/** What a provider handler receives for route `R`: parsed, defaulted, validated. */
export interface ParsedRequest<R extends RouteDef> {
  params: OutputOf<R['params']>;
  query: OutputOf<R['query']>;
  headers: OutputOf<R['headers']>;
  body: OutputOf<R['body']>;
}

type DeclaredStatus<R extends RouteDef> = Extract<keyof R['responses'], number>;
type BodyAt<R extends RouteDef, S extends number> = R['responses'][S] extends z.ZodType
  ? z.output<R['responses'][S]>
  : undefined;

/** Every response a provider may produce for route `R`, as a discriminated union on status. */
export type RouteResult<R extends RouteDef> = {
  [S in DeclaredStatus<R>]: BodyAt<R, S> extends undefined
    ? { status: S; body?: undefined; headers?: Record<string, string> }
    : { status: S; body: BodyAt<R, S>; headers?: Record<string, string> };
}[DeclaredStatus<R>];

/** The response a typed client resolves with: only success statuses arrive here. */
export type ClientResponse<R extends RouteDef> = {
  [S in Extract<DeclaredStatus<R>, SuccessStatus>]: {
    status: S;
    body: BodyAt<R, S>;
    headers: Record<string, string>;
  };
}[Extract<DeclaredStatus<R>, SuccessStatus>];

/** The body of a successful response (union over success statuses). */
export type ClientBody<R extends RouteDef> = ClientResponse<R>['body'];
