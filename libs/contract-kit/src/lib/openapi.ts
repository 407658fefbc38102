import { z } from 'zod';
import { Contract, pathParamNames, RouteDef } from './route';
import { problemSchema, PROBLEM_CONTENT_TYPE } from './schemas/problem.schema';

type JsonSchema = Record<string, unknown>;

/**
 * Builds the OpenAPI 3.1 document an app serves at `/openapi.json`, straight from its
 * contract: nothing is written by hand, so the document cannot drift from what the
 * provider validates and what the client sends. Schemas with a zod `.meta({ id })`
 * become shared components.
 */
export function toOpenApiDocument(contract: Contract, options: { serverUrl?: string } = {}) {
  const components: Record<string, JsonSchema> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output') => hoist(toJsonSchema(schema, io), io, components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, route] of Object.entries(contract.routes)) {
    const openApiPath = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[openApiPath] ??= {};
    paths[openApiPath][route.method] = operation(operationId, route, convert);
  }
  components['Problem'] ??= hoist(toJsonSchema(problemSchema, 'output'), 'output', components);
  return {
    openapi: '3.1.0',
    info: { title: contract.title, version: contract.version, description: contract.description },
    servers: options.serverUrl ? [{ url: options.serverUrl }] : undefined,
    paths,
    components: { schemas: components },
  };
}

function operation(operationId: string, route: RouteDef, convert: (s: z.ZodType, io: 'input' | 'output') => JsonSchema) {
  const parameters = [
    ...parametersOf('path', route.params, convert, pathParamNames(route.path)),
    ...parametersOf('query', route.query, convert),
    ...parametersOf('header', route.headers, convert),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(route.responses)) {
    responses[status] = schema
      ? { description: `HTTP ${status}`, content: { 'application/json': { schema: convert(schema, 'output') } } }
      : { description: `HTTP ${status}` };
  }
  const problem = { $ref: '#/components/schemas/Problem' };
  responses['default'] = { description: 'An error, as RFC 9457 problem details', content: { [PROBLEM_CONTENT_TYPE]: { schema: problem } } };
  return {
    operationId,
    summary: route.summary,
    description: route.description,
    tags: route.tags,
    parameters: parameters.length ? parameters : undefined,
    requestBody: route.body
      ? { required: true, content: { 'application/json': { schema: convert(route.body, 'input') } } }
      : undefined,
    responses,
  };
}

function parametersOf(
  location: 'path' | 'query' | 'header',
  schema: z.ZodType | undefined,
  convert: (s: z.ZodType, io: 'input' | 'output') => JsonSchema,
  pathNames: string[] = [],
) {
  const json = schema ? convert(schema, 'input') : { properties: {} };
  const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json['required'] as string[] | undefined) ?? []);
  const names = new Set([...Object.keys(properties), ...pathNames]);
  return [...names].map((name) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: properties[name] ?? { type: 'string' },
  }));
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json['$schema'];
  return json;
}

/** Moves `$defs` into components (suffixing input variants that differ) and rewrites refs. */
function hoist(json: JsonSchema, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  const defs = (json['$defs'] ?? {}) as Record<string, JsonSchema>;
  delete json['$defs'];
  const renames: Record<string, string> = {};
  for (const [id, def] of Object.entries(defs)) {
    const existing = components[id];
    const name = existing && JSON.stringify(existing) !== JSON.stringify(def) && io === 'input' ? `${id}Input` : id;
    renames[id] = name;
  }
  const rewrite = (value: JsonSchema): JsonSchema =>
    JSON.parse(JSON.stringify(value).replace(/"#\/\$defs\/([^"]+)"/g, (_m, id: string) => `"#/components/schemas/${renames[id] ?? id}"`));
  for (const [id, def] of Object.entries(defs)) components[renames[id] as string] ??= rewrite(def);
  return rewrite(json);
}
