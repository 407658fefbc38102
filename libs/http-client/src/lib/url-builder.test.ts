import { buildPath, buildQueryString } from './url-builder';

describe('buildPath', () => {
  it('encodes each parameter and does not confuse :id with :idx', () => {
    expect(buildPath('/v1/:idx/items/:id', { id: 'a/b', idx: 'x y' })).toBe('/v1/x%20y/items/a%2Fb');
  });

  it('refuses to build a path with a missing parameter', () => {
    expect(() => buildPath('/v1/customers/:id', {})).toThrow(/"id" is missing/);
  });
});

describe('buildQueryString', () => {
  it('repeats arrays, skips undefined and null, and writes dates as ISO text', () => {
    const at = new Date('2024-05-01T10:00:00.000Z');
    expect(buildQueryString({ a: [1, 2], b: undefined, c: null, d: at, e: false })).toBe('?a=1&a=2&d=2024-05-01T10%3A00%3A00.000Z&e=false');
    expect(buildQueryString({ b: undefined })).toBe('');
  });
});
