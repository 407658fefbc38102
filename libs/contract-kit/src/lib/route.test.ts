import { z } from 'zod';
import { defineContract, pathParamNames } from './route';
import { decodeCursor, encodeCursor } from './schemas/pagination.schema';

describe('defineContract', () => {
  it('rejects a route without responses or with a relative path at declaration time', () => {
    expect(() => defineContract({ name: 'x', title: 'x', version: '1' }, { a: { method: 'get', path: 'v1', summary: 's', responses: { 200: null } } })).toThrow(/must start/);
    expect(() => defineContract({ name: 'x', title: 'x', version: '1' }, { a: { method: 'get', path: '/v1', summary: 's', responses: {} } })).toThrow(/at least one response/);
  });

  it('keeps the route table as declared', () => {
    const contract = defineContract({ name: 'x', title: 'X', version: '1' }, { ping: { method: 'get', path: '/ping', summary: 'p', responses: { 200: z.object({ ok: z.boolean() }) } } });
    expect(contract.routes.ping.method).toBe('get');
    expect(contract.name).toBe('x');
  });
});

describe('pathParamNames', () => {
  it('finds every express-style parameter', () => {
    expect(pathParamNames('/v1/customers/:id/links/:system')).toEqual(['id', 'system']);
    expect(pathParamNames('/v1/customers')).toEqual([]);
  });
});

describe('cursors', () => {
  it('round-trip and reject foreign text', () => {
    expect(decodeCursor(encodeCursor({ k: 'C-1', t: 5 }))).toEqual({ k: 'C-1', t: 5 });
    expect(decodeCursor('not-a-cursor')).toBeUndefined();
    expect(decodeCursor(Buffer.from('[1]').toString('base64url'))).toBeUndefined();
  });
});
