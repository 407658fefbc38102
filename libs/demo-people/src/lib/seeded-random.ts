/**
 * A small seeded pseudo-random generator (mulberry32) with the few helpers seed data
 * needs. Seed data must be identical on every machine and in every emulator, so
 * nothing here may touch `Math.random` or the clock.
 */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `count` decimal digits, leading zeros kept. */
  digits(count: number): string;
}

/** A 32-bit hash of the parts (FNV-1a over their text), to derive independent streams from one seed. */
export function hashSeed(...parts: (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const char of parts.join('\u0000')) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A generator for a seed. Strings and numbers are both accepted and hashed, so
 * `createRandom(42)` and `createRandom('salesforce', 42)` give unrelated streams.
 */
export function createRandom(...seed: (string | number)[]): SeededRandom {
  let state = hashSeed(...seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (!items.length) throw new RangeError('cannot pick from an empty list');
      return items[int(0, items.length - 1)];
    },
    digits: (count) => Array.from({ length: count }, () => String(int(0, 9))).join(''),
  };
}

/**
 * A bijection of [0, 10^digits) that looks random: unique numbers for record indexes
 * without a "used" set. `index * stride + offset` modulo a power of ten never maps two
 * indexes to one value when the stride is coprime to 10 (odd, not a multiple of 5);
 * a stride near 0.3-0.7 of the range keeps neighbours far apart.
 */
export function scatter(index: number, digits: number, seed: string | number): number {
  const modulus = 10 ** digits;
  let stride = Math.floor(modulus * (0.3 + 0.4 * (hashSeed('stride', seed, digits) / 2 ** 32))) || 1;
  while (stride % 2 === 0 || stride % 5 === 0) stride += 1;
  const offset = hashSeed('offset', seed, digits) % modulus;
  return Number((BigInt(index) * BigInt(stride) + BigInt(offset)) % BigInt(modulus));
}
