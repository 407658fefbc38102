import { changedFields } from './changed-fields';
import { markOf } from './mark';

describe('changedFields', () => {
  it('names nested fields by path and compares arrays whole', () => {
    const before = { email: 'a@x', address: { city: 'Leeds', lines: ['1 Road'] }, tags: ['a'] };
    const after = { email: 'a@x', address: { city: 'York', lines: ['1 Road'] }, tags: ['a', 'b'] };
    expect(changedFields(before, after)).toEqual(['address.city', 'tags']);
  });

  it('reports fields that appear or disappear', () => {
    expect(changedFields({ a: 1 }, { b: 1 })).toEqual(['a', 'b']);
  });
});

describe('markOf', () => {
  it('is the same whatever order the fields came in, and differs when a value does', () => {
    expect(markOf({ a: 1, b: { c: 2, d: 3 } })).toBe(markOf({ b: { d: 3, c: 2 }, a: 1 }));
    expect(markOf({ a: 1 })).not.toBe(markOf({ a: 2 }));
  });
});
