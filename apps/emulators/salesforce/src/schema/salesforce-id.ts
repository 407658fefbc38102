import { StrataError } from '@strata/errors';

/**
 * Salesforce record ids, made and read the way a real org does, so ids from the
 * emulator pass every check jsforce and calling code apply to real ones.
 *
 * A 15-char id is case-sensitive: key prefix (3) + pod/instance (2) + a base62
 * number (10). The 18-char form appends three characters that encode which of the
 * first 15 are upper case, so the id survives case-insensitive systems (Excel, some
 * databases). The API always answers with the 18-char form.
 */

/** The 32 characters the suffix uses: value n (a 5-bit mask) is character n. */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
/** Salesforce's base62 order: digits, then upper case, then lower case. */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const COUNTER_LENGTH = 10;
const MAX_SEQUENCE = 62n ** BigInt(COUNTER_LENGTH) - 1n;
const ALPHANUMERIC = /^[0-9A-Za-z]+$/;
const LETTER = /[A-Za-z]/;

/** A string that cannot be a Salesforce id; routes answer it with `MALFORMED_ID`. */
export class MalformedIdError extends StrataError {}

function isUpper(char: string): boolean {
  return char >= 'A' && char <= 'Z';
}

/** The 3-char suffix: per 5-char chunk, bit i set when char i is A-Z (first char = lowest bit). */
function suffixOf(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) if (isUpper(id15[chunk * 5 + i])) bits |= 1 << i;
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/** Applies the suffix's case bits to the first 15 chars; undefined when a bit marks a digit. */
function restoreCase(id18: string): string | undefined {
  let restored = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX_ALPHABET.indexOf(id18[15 + chunk].toUpperCase());
    if (bits < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const char = id18[chunk * 5 + i];
      const upper = (bits >> i) & 1;
      if (upper && !LETTER.test(char)) return undefined;
      restored += LETTER.test(char) ? (upper ? char.toUpperCase() : char.toLowerCase()) : char;
    }
  }
  return restored;
}

/**
 * The case-sensitive 15-char id an input denotes, or undefined. An 18-char id is
 * accepted when its first 15 chars agree with the suffix exactly, or when their case
 * was flattened (all letters lower or all upper, as a case-insensitive system leaves
 * them) and the suffix restores it. Mixed case that disagrees with the suffix is
 * treated as corrupt.
 */
function canonical15(id: unknown): string | undefined {
  if (typeof id !== 'string' || !ALPHANUMERIC.test(id)) return undefined;
  if (id.length === 15) return id;
  if (id.length !== 18) return undefined;
  const head = id.slice(0, 15);
  const restored = restoreCase(id);
  if (restored === undefined) return undefined;
  if (restored === head) return head;
  const letters = head.replace(/[^A-Za-z]/g, '');
  return letters === letters.toLowerCase() || letters === letters.toUpperCase() ? restored : undefined;
}

/** True for a well-formed 15- or 18-char id (18: the suffix must match, see `canonical15`). */
export function isValidId(id: unknown): boolean {
  return canonical15(id) !== undefined;
}

/** The 18-char, case-safe form the API always returns. Throws {@link MalformedIdError}. */
export function to18(id: string): string {
  const id15 = to15(id);
  return id15 + suffixOf(id15);
}

/** The 15-char case-sensitive form (restoring case from an 18-char suffix). Throws {@link MalformedIdError}. */
export function to15(id: string): string {
  const id15 = canonical15(id);
  if (id15 === undefined) throw new MalformedIdError(`not a Salesforce id: ${id}`, { details: { id } });
  return id15;
}

/** The object-identifying first three chars (`001`, `003`), or undefined for a malformed id. */
export function keyPrefixOf(id: string): string | undefined {
  return canonical15(id)?.slice(0, 3);
}

/** Whether two ids name the same record, whatever their forms (15/18, flattened case). */
export function sameId(a: string, b: string): boolean {
  const left = canonical15(a);
  return left !== undefined && left === canonical15(b);
}

/**
 * Makes ids for new records. The sequence number comes from the caller (the store)
 * so it can be persisted with the records and the ids stay unique across restarts.
 */
export class SalesforceIdFactory {
  private readonly instance: string;

  /** `instance` is the two-char pod code that real ids carry after the key prefix (`5g`). */
  constructor(options: { instance?: string } = {}) {
    this.instance = options.instance ?? '5g';
    if (!/^[0-9A-Za-z]{2}$/.test(this.instance)) throw new RangeError(`instance must be two letters or digits: ${this.instance}`);
  }

  /** The 18-char id of record number `sequence` (>= 0) of the object with `keyPrefix`. */
  create(keyPrefix: string, sequence: number | bigint): string {
    if (!/^[0-9A-Za-z]{3}$/.test(keyPrefix)) throw new RangeError(`key prefix must be three letters or digits: ${keyPrefix}`);
    if (typeof sequence === 'number' && !Number.isSafeInteger(sequence)) throw new RangeError(`sequence must be an integer: ${sequence}`);
    let n = BigInt(sequence);
    if (n < 0n || n > MAX_SEQUENCE) throw new RangeError(`sequence out of range: ${sequence}`);
    let counter = '';
    for (let i = 0; i < COUNTER_LENGTH; i++) {
      counter = BASE62[Number(n % 62n)] + counter;
      n /= 62n;
    }
    return to18(keyPrefix + this.instance + counter);
  }

  /** The sequence number an id was made from, so a store can resume after its highest id. */
  sequenceOf(id: string): bigint {
    const counter = to15(id).slice(5);
    let n = 0n;
    for (const char of counter) n = n * 62n + BigInt(BASE62.indexOf(char));
    return n;
  }
}
