import SwaggerParser from '@apidevtools/swagger-parser';
import { toOpenApiDocument } from './openapi';
import { greetingContract } from './__fixtures__/greeting.contract';

function collectRefs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => collectRefs(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.push(inner);
      else collectRefs(inner, found);
    }
  }
  return found;
}

describe('toOpenApiDocument', () => {
  const document = toOpenApiDocument(greetingContract, { serverUrl: 'http://127.0.0.1:9999' });

  it('produces a document that passes the OpenAPI 3.1 schema', async () => {
    const copy = JSON.parse(JSON.stringify(document));
    await expect(SwaggerParser.validate(copy)).resolves.toMatchObject({ openapi: '3.1.0' });
  });

  it('lists every route under its OpenAPI path with the route name as operationId', () => {
    expect(Object.keys(document.paths).sort()).toEqual(['/v1/greetings', '/v1/greetings/{id}']);
    const byId = document.paths['/v1/greetings/{id}'] as Record<string, { operationId: string }>;
    expect(byId['get']?.operationId).toBe('getGreeting');
    expect(byId['put']?.operationId).toBe('putGreeting');
    expect(byId['delete']?.operationId).toBe('deleteGreeting');
  });

  it('documents path, query and header parameters from the schemas', () => {
    const put = (document.paths['/v1/greetings/{id}'] as Record<string, { parameters: { name: string; in: string; required: boolean }[] }>)['put'];
    expect(put?.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'id', in: 'path', required: true }),
        expect.objectContaining({ name: 'idempotency-key', in: 'header', required: false }),
      ]),
    );
    const list = (document.paths['/v1/greetings'] as Record<string, { parameters: { name: string; in: string }[] }>)['get'];
    expect(list?.parameters.map((p) => `${p.in}:${p.name}`).sort()).toEqual(['query:after', 'query:limit']);
  });

  it('shares named schemas as components and every $ref resolves', () => {
    const schemas = document.components.schemas;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Greeting', 'Problem', 'FieldError']));
    for (const ref of collectRefs(document)) {
      const name = ref.replace('#/components/schemas/', '');
      expect(schemas).toHaveProperty(name);
    }
  });

  it('describes errors as problem+json on every operation', () => {
    const del = (document.paths['/v1/greetings/{id}'] as Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>)['delete'];
    expect(Object.keys(del?.responses['default']?.content ?? {})).toEqual(['application/problem+json']);
  });
});
