import { createRandom, hashSeed, scatter } from './seeded-random';

function draw(seed: number | string, count = 20): number[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random.next());
}

describe('createRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw('salesforce')).toEqual(draw('salesforce'));
  });

  it('gives different sequences for different seeds', () => {
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(42)).not.toEqual(draw('42x'));
  });

  it('hashes seeds with 32-bit FNV-1a, so numbers and their text are the same seed', () => {
    // FNV-1a of the bytes "42", computed independently
    expect(hashSeed(42)).toBe(2279835011);
    expect(hashSeed('42')).toBe(2279835011);
    expect(hashSeed('a', 'b')).not.toBe(hashSeed('ab'));
  });

  it('is mulberry32 as published, so other languages can reproduce the data', () => {
    // bryc's reference implementation (github.com/bryc/code, PRNGs.md), verbatim but for types
    function mulberry32(a: number): () => number {
      return () => {
        a |= 0;
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }
    const reference = mulberry32(hashSeed(42));
    expect(draw(42, 50)).toEqual(Array.from({ length: 50 }, reference));
    expect(draw(42, 1)[0]).toBeCloseTo(0.30773058, 8);
  });

  it('keeps floats in [0, 1) and integers within their bounds', () => {
    const random = createRandom(7);
    for (let i = 0; i < 2000; i++) {
      const n = random.next();
      expect(n >= 0 && n < 1).toBe(true);
      const k = random.int(3, 5);
      expect([3, 4, 5]).toContain(k);
    }
  });

  it('picks every element of a list eventually, and refuses an empty list', () => {
    const random = createRandom(9);
    const seen = new Set(Array.from({ length: 200 }, () => random.pick(['a', 'b', 'c'])));
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
    expect(() => random.pick([])).toThrow(RangeError);
  });

  it('honours chance at the extremes', () => {
    const random = createRandom(3);
    expect(Array.from({ length: 100 }, () => random.chance(0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 100 }, () => random.chance(1)).every(Boolean)).toBe(true);
  });
});

describe('scatter', () => {
  it('maps distinct indexes to distinct values (a bijection of the range)', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => scatter(i, 4, 'ids'));
    expect(new Set(values).size).toBe(10_000);
    expect(Math.min(...values)).toBe(0);
    expect(Math.max(...values)).toBe(9_999);
  });

  it('does not hand out neighbouring values for neighbouring indexes', () => {
    const gap = Math.abs(scatter(2, 6, 'ids') - scatter(1, 6, 'ids'));
    expect(gap).toBeGreaterThan(1_000);
  });

  it('depends on the seed', () => {
    expect(scatter(1, 6, 'a')).toBe(scatter(1, 6, 'a'));
    expect([1, 2, 3].map((i) => scatter(i, 6, 'a'))).not.toEqual([1, 2, 3].map((i) => scatter(i, 6, 'b')));
  });
});
